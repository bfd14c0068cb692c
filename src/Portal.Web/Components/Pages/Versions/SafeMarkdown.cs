using System.Globalization;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Portal.Web.Components.Pages.Versions;

/// <summary>
/// Markdown from the deploy repository to HTML a page can show as it is. MODEL_CARD.md and VERSION_LOG.md carry user
/// text (notes, prompts, names), and anyone with push access to the deploy repository can edit them, so the output
/// must never run script in the portal's origin.
/// </summary>
public static class SafeMarkdown
{
    /// <summary>
    /// DisableHtml: raw HTML comes out as escaped text. Pipe tables for the log's tables. Not UseAdvancedExtensions:
    /// its generic attributes extension lets "{onclick=...}" put any attribute on an element.
    /// </summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .DisableHtml()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string markdown)
    {
        // Qualified: the Markdown component of this folder has the same name.
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        Style(document);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        // Escaping HTML is not enough: a link target is the author's too, and "javascript:" runs when clicked.
        var renderer = new HtmlRenderer(writer) { LinkRewriter = url => IsSafe(url) ? url : "#" };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// MudBlazor's reset takes every margin and padding away (list bullets then sit outside the box), and the portal's
    /// stylesheet has no rules for rendered markdown: its own utility classes give the blocks their spacing back.
    /// The classes are ours, never the author's.
    /// </summary>
    private static void Style(MarkdownDocument document)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.GetAttributes().AddClass(heading.Level switch
            {
                1 => "mud-typography mud-typography-h5 mb-3",
                2 => "mud-typography mud-typography-h6 mt-4 mb-2",
                _ => "mud-typography mud-typography-subtitle1 mt-3 mb-1",
            });
        }
        foreach (var paragraph in document.Descendants<ParagraphBlock>())
            paragraph.GetAttributes().AddClass("mb-2");
        foreach (var list in document.Descendants<ListBlock>())
            list.GetAttributes().AddClass("pl-6 mb-2");
        foreach (var quote in document.Descendants<QuoteBlock>())
            quote.GetAttributes().AddClass("pl-3 mb-2 border-l-4 border-solid mud-border-lines-default");
        foreach (var table in document.Descendants<Table>())
            table.GetAttributes().AddClass("mb-3");
    }

    /// <summary>A relative link, or an absolute one whose scheme is on the allow list. Anything else (javascript:, data:, vbscript:...) is not.</summary>
    public static bool IsSafe(string url)
    {
        var trimmed = url.Trim();
        var schemeEnd = trimmed.IndexOf(':', StringComparison.Ordinal);
        var pathStart = trimmed.IndexOfAny(['/', '?', '#']);
        var hasScheme = schemeEnd >= 0 && (pathStart < 0 || schemeEnd < pathStart);
        return !hasScheme || SafeSchemes.Contains(trimmed[..schemeEnd], StringComparer.OrdinalIgnoreCase);
    }
}
