using System.Text;
using static Portal.Core.Tests.Support.Import;

namespace Portal.Core.Tests.Import;

/// <summary>Files that pass as UTF-8 only by accident (UTF-16 without its mark, binary data) and files saved with several BOMs.</summary>
public class NotTextImportTests
{
    private const string TextVerse = "# Upbeat pop about a morning run\none\ntwo\n";

    [Fact]
    public void ImportRecognisesLittleEndianUtf16WithoutAByteOrderMark() =>
        Assert.StartsWith("The file looks like UTF-16 text without a byte order mark", Parse(Encoding.Unicode.GetBytes(TextVerse)).SingleFileError());

    [Fact]
    public void ImportRecognisesBigEndianUtf16WithoutAByteOrderMark() =>
        Assert.StartsWith("The file looks like UTF-16 text without a byte order mark", Parse(Encoding.BigEndianUnicode.GetBytes(TextVerse)).SingleFileError());

    [Fact]
    public void ImportRefusesAFileOfZeroBytesAsBinary() =>
        Assert.Equal("The file is binary data, not text: 1,024 of its first 1,024 bytes are 0. Import a JSON, JSONL or plain-text file saved as UTF-8.",
            Parse(new byte[5000]).SingleFileError());

    [Fact]
    public void ImportLeavesAStrayNulInALongerFileToTheVersesOwnCheck()
    {
        var result = Parse(TextVerse.Replace("two", "t\0wo", StringComparison.Ordinal) + "\n" + TextVerse.Replace("run", "walk", StringComparison.Ordinal)).Accepted();

        Assert.Equal(["The lyrics contain a control character (U+0000) on line 2; remove it."], result.Items[0].Errors);
        Assert.NotNull(result.Items[1].Verse);
    }

    [Fact]
    public void ImportSkipsEveryLeadingByteOrderMark()
    {
        var result = Parse([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Utf8("[{\"prompt\": \"Upbeat pop\", \"lyrics\": \"one\"}]")]).Accepted();

        Assert.Equal("Upbeat pop", Assert.Single(result.Items).Verse!.Prompt);
    }
}
