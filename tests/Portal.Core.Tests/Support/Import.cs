using System.Text;
using Portal.Core.Import;

namespace Portal.Core.Tests.Support;

/// <summary>Shorthands for parsing test content written as C# strings.</summary>
internal static class Import
{
    public static readonly ImportLimits Defaults = new();

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static ImportParseResult Parse(string content, VerseFormat? format = null, ImportLimits? limits = null) =>
        VerseImportParser.Parse(Utf8(content), limits ?? Defaults, format);

    public static ImportParseResult Parse(byte[] content, VerseFormat? format = null, ImportLimits? limits = null) =>
        VerseImportParser.Parse(content, limits ?? Defaults, format);

    /// <summary>The file was accepted; fails with its file errors otherwise, which makes a failing test self-explaining.</summary>
    public static ImportParseResult Accepted(this ImportParseResult result)
    {
        Assert.False(result.IsFileRejected, string.Join(Environment.NewLine, result.FileErrors));
        return result;
    }

    public static string SingleFileError(this ImportParseResult result)
    {
        Assert.True(result.IsFileRejected, "Expected the file to be rejected.");
        Assert.Empty(result.Items);
        Assert.Empty(result.ValidItems);
        return result.FileErrors[0];
    }
}
