using Portal.Web.Services.Playground;

namespace Portal.Web.Components.Pages.Playground;

/// <summary>A stretch of an output's text, and the training passage it repeats (null for the model's own writing).</summary>
public sealed record TextSegment(string Text, CopiedPassage? Passage);

public static class CopiedSegments
{
    /// <summary>
    /// Cuts <paramref name="text"/> at the copied passages. Passages are clamped to the text and an overlap goes to the
    /// earlier one, so that every character is shown exactly once whatever the copy guard reported.
    /// </summary>
    public static IReadOnlyList<TextSegment> Split(string text, IReadOnlyList<CopiedPassage> passages)
    {
        var segments = new List<TextSegment>();
        var at = 0;
        foreach (var passage in passages.OrderBy(p => p.Start))
        {
            var start = Math.Clamp(passage.Start, at, text.Length);
            var end = Math.Clamp(passage.Start + passage.Length, start, text.Length);
            if (end == start)
                continue;
            if (start > at)
                segments.Add(new TextSegment(text[at..start], null));
            segments.Add(new TextSegment(text[start..end], passage));
            at = end;
        }
        if (at < text.Length)
            segments.Add(new TextSegment(text[at..], null));
        return segments;
    }
}
