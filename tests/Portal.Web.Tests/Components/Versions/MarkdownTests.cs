using Bunit;
using Portal.Web.Components.Pages.Versions;

namespace Portal.Web.Tests.Components.Versions;

/// <summary>MODEL_CARD.md and VERSION_LOG.md carry user text and can be edited by anyone who can push: they must render, never run.</summary>
public sealed class MarkdownTests
{
    [Fact]
    public void RawHtmlInMarkdownIsShownAsTextNotRun()
    {
        using var context = new BunitContext();
        const string text = "# Note\n\nSee <script>alert('owned')</script> and <img src=x onerror=\"alert(1)\">\n\n<div onclick=\"alert(2)\">block</div>\n";

        var markdown = context.Render<Markdown>(parameters => parameters.Add(p => p.Text, text).Add(p => p.Id, "card"));

        Assert.Equal("Note", markdown.Find("#card h1").TextContent);
        Assert.Empty(markdown.FindAll("script"));
        Assert.Empty(markdown.FindAll("img"));
        Assert.Empty(markdown.FindAll("[onclick], [onerror]"));
        Assert.Contains("&lt;script&gt;alert('owned')&lt;/script&gt;", markdown.Markup, StringComparison.Ordinal);
        Assert.Contains("<script>alert('owned')</script>", markdown.Find("#card").TextContent, StringComparison.Ordinal);
        Assert.Contains("<div onclick=\"alert(2)\">block</div>", markdown.Find("#card").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptLinksLoseTheirTargetWhileWebLinksKeepIt()
    {
        using var context = new BunitContext();
        const string text =
            "[web](https://example.com/card) [page](versions/2) [script](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) " +
            "[spaced]( JaVaScRiPt:alert(3)) <javascript:alert(4)>\n\n# Heading {onclick=alert(5)}\n";

        var markdown = context.Render<Markdown>(parameters => parameters.Add(p => p.Text, text));

        Assert.Equal(
            ["https://example.com/card", "versions/2", "#", "#", "#", "#"],
            markdown.FindAll("a").Select(a => a.GetAttribute("href")));
        // No attribute syntax: the braces are text, and the heading gets no handler.
        Assert.Equal("Heading {onclick=alert(5)}", markdown.Find("h1").TextContent);
        Assert.Empty(markdown.FindAll("[onclick]"));
    }

    [Fact]
    public void TablesOfTheModelCardRenderAsTables()
    {
        using var context = new BunitContext();

        var markdown = context.Render<Markdown>(parameters => parameters.Add(p => p.Text, "| Figure | Value |\n|---|---|\n| Steps | 40 of 40 |\n"));

        Assert.Equal(["Figure", "Value"], markdown.FindAll("table th").Select(th => th.TextContent));
        Assert.Equal(["Steps", "40 of 40"], markdown.FindAll("table td").Select(td => td.TextContent));
    }
}
