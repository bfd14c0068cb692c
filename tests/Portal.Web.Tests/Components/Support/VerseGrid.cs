using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Portal.Web.Components.Pages.Verses;

namespace Portal.Web.Tests.Components.Support;

/// <summary>What a writer reads off the Verses page: the grid's rows and the corpus totals.</summary>
public static class VerseGrid
{
    public static IReadOnlyList<VerseRow> Rows(this IRenderedComponent<VersesPage> page) =>
        page.FindAll("tr.verse-row").Select(row => new VerseRow(
            PromptOf(row),
            int.Parse(Cell(row, "Bars"), CultureInfo.InvariantCulture),
            AuthorOf(row))).ToList();

    public static IReadOnlyList<string> Prompts(this IRenderedComponent<VersesPage> page) => page.Rows().Select(r => r.Prompt).ToList();

    public static IElement Row(this IRenderedComponent<VersesPage> page, string prompt) =>
        page.FindAll("tr.verse-row").Single(row => PromptOf(row) == prompt);

    /// <summary>A stat of the stats bar: its figure and its "N in training" line.</summary>
    public static (string Value, string Detail) Stat(this IRenderedComponent<VersesPage> page, string id)
    {
        var captions = page.FindAll($"#corpus-stats #{id} .mud-typography");
        return (captions[1].TextContent.Trim(), captions[2].TextContent.Trim());
    }

    // The prompt cell shows the prompt and, under it, "by <author>".
    private static string PromptOf(IElement row) => PromptCell(row).QuerySelector("div")!.TextContent.Trim();

    private static string AuthorOf(IElement row)
    {
        var byline = PromptCell(row).QuerySelector(".verse-author")!.TextContent.Trim();
        return byline.StartsWith("by ", StringComparison.Ordinal) ? byline[3..] : byline;
    }

    private static IElement PromptCell(IElement row) =>
        row.QuerySelector("td[data-label='Prompt']") ?? throw new InvalidOperationException("The grid has no Prompt column.");

    private static string Cell(IElement row, string column) =>
        row.QuerySelector($"td[data-label='{column}']")?.TextContent.Trim() ?? throw new InvalidOperationException($"The grid has no {column} column.");
}

public sealed record VerseRow(string Prompt, int Bars, string Author);
