using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.Core.Tests.Versions;

public sealed class VersionLogWriterTests
{
    private static readonly DateTimeOffset Date = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    private static SnapshotVerse Verse(int id, string prompt) => new(id, "hash" + id, prompt, "Lyrics");

    private static VersionLogFacts Facts(int version, string note = "", DatasetDiff? changes = null) =>
        new(version, Date, "Ada", changes ?? DatasetDiff.Empty, 3.2, 2.1, note);

    [Fact]
    public void AnEntryHasItsHeadingAuthorCountsPromptsLossesAndNote()
    {
        var changes = new DatasetDiff([Verse(4, "Battle verse"), Verse(5, "Love song")], [Verse(2, "Rain at night")], []);

        var entry = VersionLogWriter.Entry(Facts(3, "Learned the battle style.", changes));

        Assert.StartsWith("## v3 · 2026-11-24\n", entry);
        Assert.Contains("Ada", entry);
        Assert.Contains("2 added, 1 edited, 0 removed", entry);
        Assert.Contains("\"Battle verse\", \"Love song\"", entry);
        Assert.Contains("\"Rain at night\"", entry);
        Assert.Contains("3.200 → 2.100", entry);
        Assert.Contains("> Learned the battle style.", entry);
    }

    [Fact]
    public void TheDateIsWrittenInUtc()
    {
        var lateEvening = new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.FromHours(-5));

        var entry = VersionLogWriter.Entry(Facts(2) with { Date = lateEvening });

        Assert.StartsWith("## v2 · 2026-11-25", entry);
    }

    [Fact]
    public void AtMostTenPromptsOfEachKindAreNamedAndTheRestCounted()
    {
        var added = Enumerable.Range(1, 13).Select(i => Verse(i, $"Prompt {i:00}")).ToList();

        var entry = VersionLogWriter.Entry(Facts(2, changes: new DatasetDiff(added, [], [])));

        Assert.Contains("13 added", entry);
        Assert.Contains("\"Prompt 10\"", entry);
        Assert.DoesNotContain("Prompt 11", entry);
        Assert.Contains("and 3 more", entry);
    }

    [Fact]
    public void MissingLossesReadNotAvailable()
    {
        var entry = VersionLogWriter.Entry(Facts(2) with { LossBefore = null, LossAfter = 1.23456 });

        Assert.Contains("n/a → 1.235", entry);
    }

    [Fact]
    public void TheFirstVersionSaysThereIsNothingToCompareWith()
    {
        var entry = VersionLogWriter.Entry(Facts(1) with { Changes = null });

        Assert.Contains("first version", entry);
        Assert.DoesNotContain("since v0", entry);
    }

    [Fact]
    public void ARollbackEntryNamesTheVersionItRollsBackTo()
    {
        var entry = VersionLogWriter.Entry(Facts(5) with { RollbackOf = 3 });

        Assert.StartsWith("## v5 · ", entry);
        Assert.Contains("Rollback to v3", entry);
    }

    [Fact]
    public void AnEmptyNoteSaysNone()
    {
        Assert.Contains("Note: none", VersionLogWriter.Entry(Facts(2, note: "  ")));
    }

    [Fact]
    public void PrependingToNoLogStartsItWithTheHeading()
    {
        var log = VersionLogWriter.Prepend(null, VersionLogWriter.Entry(Facts(1)));

        Assert.StartsWith(VersionLogWriter.Heading + "\n\n## v1 · ", log);
        Assert.EndsWith("\n", log);
        Assert.DoesNotContain("\n\n\n", log);
    }

    [Fact]
    public void PrependingPutsTheNewEntryFirstKeepsOlderEntriesByteForByteAndTheHeadingOnce()
    {
        var log = VersionLogWriter.Prepend(null, VersionLogWriter.Entry(Facts(1, "first")));
        log = VersionLogWriter.Prepend(log, VersionLogWriter.Entry(Facts(2, "second")));
        var olderEntries = log[log.IndexOf("## v2", StringComparison.Ordinal)..];

        var updated = VersionLogWriter.Prepend(log, VersionLogWriter.Entry(Facts(3, "third")));

        Assert.Single(updated.Split('\n'), line => line == VersionLogWriter.Heading);
        Assert.StartsWith(VersionLogWriter.Heading + "\n\n## v3 · ", updated);
        Assert.EndsWith(olderEntries, updated);
        Assert.True(updated.IndexOf("## v3", StringComparison.Ordinal) < updated.IndexOf("## v2", StringComparison.Ordinal));
    }

    [Fact]
    public void AHandWrittenLogWithoutTheHeadingGetsItAndKeepsItsEntriesExactly()
    {
        const string handWritten = "## v1 · 2025-01-02\r\n\r\nTrained in a notebook, *by hand*.\r\n";

        var log = VersionLogWriter.Prepend(handWritten, VersionLogWriter.Entry(Facts(2)));

        Assert.StartsWith(VersionLogWriter.Heading + "\n\n## v2 · ", log);
        Assert.EndsWith("\n\n" + handWritten, log);
    }

    [Fact]
    public void APreambleUnderTheHeadingStaysAboveTheEntries()
    {
        const string existing = "# Version log\n\nKept by the portal.\n\n## v1 · 2026-01-01\n\n- By: Ada\n";

        var log = VersionLogWriter.Prepend(existing, VersionLogWriter.Entry(Facts(2)));

        Assert.StartsWith("# Version log\n\nKept by the portal.\n\n## v2 · ", log);
        Assert.EndsWith("## v1 · 2026-01-01\n\n- By: Ada\n", log);
    }

    [Fact]
    public void EntryForFindsTheEntryOfTheAskedVersionOnly()
    {
        var log = VersionLogWriter.Heading + "\n";
        for (var version = 1; version <= 12; version++)
            log = VersionLogWriter.Prepend(log, VersionLogWriter.Entry(Facts(version, $"note of version {version}")));

        var entry = VersionLogWriter.EntryFor(log, 1);

        Assert.NotNull(entry);
        Assert.StartsWith("## v1 · ", entry);
        Assert.Contains("note of version 1", entry);
        Assert.DoesNotContain("version 12", entry);
        Assert.Equal(VersionLogWriter.Entry(Facts(12, "note of version 12")).TrimEnd(), VersionLogWriter.EntryFor(log, 12));
    }

    [Fact]
    public void EntryForAVersionTheLogDoesNotHoldIsNull()
    {
        var log = VersionLogWriter.Prepend(null, VersionLogWriter.Entry(Facts(1)));

        Assert.Null(VersionLogWriter.EntryFor(log, 2));
        Assert.Null(VersionLogWriter.EntryFor("", 1));
    }

    [Theory]
    [InlineData("fine\n## v9 · 2030-01-01\n- By: Mallory")]
    [InlineData("fine\r## v9 · 2030-01-01")]
    [InlineData("fine\r\n\r\n## v9")]
    [InlineData("fine\u2028## v9")]
    [InlineData("fine\u0085## v9")]
    [InlineData("## v9")]
    public void AHostileNoteCannotFakeAnEntry(string note)
    {
        var log = VersionLogWriter.Prepend(null, VersionLogWriter.Entry(Facts(2, note)));

        Assert.Null(VersionLogWriter.EntryFor(log, 9));
        Assert.Contains("v9", VersionLogWriter.EntryFor(log, 2));
        Assert.Contains("\\## v9", log);
        Assert.DoesNotContain(log.ReplaceLineEndings("\n").Split('\n'), line => line.TrimStart().StartsWith("## v9", StringComparison.Ordinal));
    }

    [Fact]
    public void AHostileNameOrPromptStaysOnItsOwnLine()
    {
        var changes = new DatasetDiff([Verse(1, "Ballad\n## v8 · fake")], [], []);

        var log = VersionLogWriter.Prepend(null, VersionLogWriter.Entry(Facts(2, changes: changes) with { Who = "Eve\r\n## v7" }));

        Assert.Null(VersionLogWriter.EntryFor(log, 7));
        Assert.Null(VersionLogWriter.EntryFor(log, 8));
        Assert.Contains("- By: Eve ## v7\n", log);
        Assert.Contains("\"Ballad ## v8 · fake\"", log);
    }

    [Fact]
    public void ANoteKeepsItsLinesInsideTheQuote()
    {
        var entry = VersionLogWriter.Entry(Facts(2, "Line one\n\nLine two"));

        Assert.EndsWith("> Line one\n>\n> Line two\n", entry);
    }
}
