using Bunit;
using Portal.Web.Components.Pages.Playground;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Components.Playground;

/// <summary>How an output's text is shown: passages marked where the copy guard put them, and whatever the model wrote as plain text.</summary>
public sealed class CopiedTextTests
{
    [Fact]
    public async Task MarkupAModelWritesIsShownAsTextNeverRendered()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        const string written = "<b>bold</b> <script>alert('x')</script>\n<img src=x onerror=alert(1)>";

        var text = bed.Context.Render<CopiedText>(parameters => parameters.Add(p => p.Text, written));

        Assert.Empty(text.FindAll("b, script, img"));
        Assert.Equal(written, text.Find(".playground-text").TextContent);
    }

    [Fact]
    public async Task CopiedPassagesAreMarkedWhereTheyAreWithALinkToTheirVerseAndTheRestIsLeftAsWritten()
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        const string written = "Counting lights in a row that glow\nand then my own line\nEvery bar has a story to tell";
        var first = new CopiedPassage(0, "Counting lights in a row that glow".Length, 7, "Counting lights in a row that glow");
        var second = new CopiedPassage(written.IndexOf("Every", StringComparison.Ordinal), "Every bar has a story to tell".Length, 9, "Every bar has a story");
        // Reported out of order, and overlapping the first: each character is still shown once.
        var overlapping = new CopiedPassage(10, 30, 8, "lights in a row");

        var text = bed.Context.Render<CopiedText>(parameters => parameters
            .Add(p => p.Text, written)
            .Add(p => p.Passages, [second, overlapping, first]));

        var marks = text.FindAll("mark.copied-passage");
        Assert.Equal(["Counting lights in a row that glow", "\nand t", "Every bar has a story to tell"], marks.Select(m => m.TextContent));
        Assert.Equal(["7", "8", "9"], text.FindAll(".copied-source").Select(link => link.GetAttribute("data-verse")));
        Assert.Equal(["verse #7", "verse #8", "verse #9"], text.FindAll(".copied-source").Select(link => link.TextContent.Trim()));
        var shown = (AngleSharp.Dom.IElement)text.Find(".playground-text").Clone(deep: true);
        foreach (var link in shown.QuerySelectorAll("sup").ToList())
            link.Remove();
        Assert.Equal(written, shown.TextContent);
    }
}
