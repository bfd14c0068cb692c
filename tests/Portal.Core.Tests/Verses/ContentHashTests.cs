using System.Security.Cryptography;
using System.Text;
using Portal.Core.Verses;

namespace Portal.Core.Tests.Verses;

public class ContentHashTests
{
    [Fact]
    public void HashIsLowerCaseHexSha256OfPromptBlankLineLyrics()
    {
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("Soft ballad\n\nline one\nline two"))).ToLowerInvariant();

        Assert.Equal(expected, ContentHash.Of("Soft ballad", "line one\nline two"));
    }

    [Fact]
    public void HashIgnoresCrLfVersusLf() =>
        Assert.Equal(ContentHash.Of("Soft\nballad", "one\ntwo"), ContentHash.Of("Soft\r\nballad", "one\r\ntwo"));

    [Fact]
    public void HashIgnoresTrailingSpacesBlankEdgesAndBom() =>
        Assert.Equal(ContentHash.Of("Soft ballad", "one\ntwo"), ContentHash.Of("\uFEFFSoft ballad  ", "\n\none   \ntwo\t\n\n"));

    [Fact]
    public void HashChangesWhenAWordChanges() =>
        Assert.NotEqual(ContentHash.Of("Soft ballad", "one\ntwo"), ContentHash.Of("Soft ballad", "one\ntoo"));

    [Fact]
    public void HashTellsPromptFromLyrics() =>
        Assert.NotEqual(ContentHash.Of("one", "two"), ContentHash.Of("two", "one"));
}
