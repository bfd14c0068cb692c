using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Core.Training;

namespace Portal.Core.Versions;

/// <summary>
/// Writes VERSION_LOG.md, the log writers used to keep by hand: newest entry first, one "## vN · date" heading per
/// version. Only the portal writes a line starting with "## v"; user text is always indented or quoted.
/// </summary>
public static partial class VersionLogWriter
{
    public const string Heading = "# Version log";

    /// <summary>Prompts named per kind of change; the counts say how many more there were.</summary>
    private const int MaxPromptsListed = 10;

    private const int MaxPromptLength = 80;

    public static string Entry(VersionLogFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var text = new StringBuilder();
        // UTC, so that the log reads the same whichever server's clock wrote it.
        var date = facts.Date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        text.Append("## ").Append(VersionTag.Of(facts.Version)).Append(" · ").Append(date).Append("\n\n");

        var who = MarkdownText.Inline(facts.Who);
        text.Append("- By: ").Append(who.Length > 0 ? who : "unknown").Append('\n');
        if (facts.RollbackOf is { } target)
            text.Append("- Rollback to ").Append(VersionTag.Of(target)).Append(": its model is served again.\n");
        AppendChanges(text, facts);
        text.Append("- Loss: ").Append(Loss(facts.LossBefore)).Append(" → ").Append(Loss(facts.LossAfter)).Append('\n');

        if (string.IsNullOrWhiteSpace(facts.Note))
            text.Append("- Note: none\n");
        else
            text.Append("- Note:\n\n").Append(MarkdownText.Quote(facts.Note));
        return text.ToString();
    }

    /// <summary>
    /// The log with <paramref name="entry"/> on top. Everything from the first existing entry on is kept byte for
    /// byte; text above it (the heading, any preamble) stays above the new entry, with the heading added if missing.
    /// </summary>
    public static string Prepend(string? existingLog, string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var existing = existingLog ?? "";
        var first = EntryHeading().Match(existing);
        var top = first.Success ? existing[..first.Index] : existing;
        var older = first.Success ? existing[first.Index..] : "";

        var head = top.Trim();
        if (!head.StartsWith(Heading + "\n", StringComparison.Ordinal) && !head.StartsWith(Heading + "\r\n", StringComparison.Ordinal) && head != Heading)
            head = head.Length == 0 ? Heading : Heading + "\n\n" + head;

        var log = new StringBuilder(head).Append("\n\n").Append(entry.TrimEnd('\r', '\n')).Append('\n');
        if (older.Length > 0)
            log.Append('\n').Append(older);
        return log.ToString();
    }

    /// <summary>The entry of version <paramref name="version"/> (its heading to the next one), or null when the log has none.</summary>
    public static string? EntryFor(string log, int version)
    {
        ArgumentNullException.ThrowIfNull(log);
        var headings = EntryHeading().Matches(log);
        for (var i = 0; i < headings.Count; i++)
        {
            if (!int.TryParse(headings[i].Groups["number"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number != version)
                continue;
            var end = i + 1 < headings.Count ? headings[i + 1].Index : log.Length;
            return log[headings[i].Index..end].TrimEnd();
        }
        return null;
    }

    private static void AppendChanges(StringBuilder text, VersionLogFacts facts)
    {
        if (facts.Changes is not { } changes)
        {
            text.Append("- Verses: first version, nothing to compare with\n");
            return;
        }

        var since = VersionTag.Of(facts.Version - 1);
        if (changes.IsEmpty)
        {
            text.Append("- Verses since ").Append(since).Append(": no change\n");
            return;
        }
        text.Append(CultureInfo.InvariantCulture,
            $"- Verses since {since}: {changes.Added.Count} added, {changes.Edited.Count} edited, {changes.Removed.Count} removed\n");
        AppendPrompts(text, "Added", changes.Added);
        AppendPrompts(text, "Edited", changes.Edited);
        AppendPrompts(text, "Removed", changes.Removed);
    }

    private static void AppendPrompts(StringBuilder text, string label, IReadOnlyList<SnapshotVerse> verses)
    {
        if (verses.Count == 0)
            return;
        var named = verses.Take(MaxPromptsListed).Select(v => "\"" + MarkdownText.Shortened(v.Prompt, MaxPromptLength) + "\"");
        text.Append("  - ").Append(label).Append(": ").Append(string.Join(", ", named));
        if (verses.Count > MaxPromptsListed)
            text.Append(CultureInfo.InvariantCulture, $" and {verses.Count - MaxPromptsListed} more");
        text.Append('\n');
    }

    private static string Loss(double? value) =>
        value is { } loss && double.IsFinite(loss) ? loss.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    // Only at the very start of a line: user text never starts one (it is indented or quoted).
    [GeneratedRegex(@"^## v(?<number>[0-9]+)(?=[ \t\r]|$)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex EntryHeading();
}
