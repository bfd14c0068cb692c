using Portal.Core.Verses;

namespace Portal.Core.Tests.Verses;

public class VerseTextTests
{
    [Fact]
    public void VersesWithEqualTagListsAreEqual()
    {
        var a = new VerseText("prompt", "lyrics", new List<string> { "a", "b" }, "notes");
        var b = new VerseText("prompt", "lyrics", ["a", "b"], "notes");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void VersesWithTagsInAnotherOrderDiffer() =>
        Assert.NotEqual(new VerseText("p", "l", ["a", "b"]), new VerseText("p", "l", ["b", "a"]));
}
