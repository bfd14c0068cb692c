using System.Net.Http.Json;
using Portal.Core.Training;
using Portal.Ml.Tokenization;
using Portal.Web.Api;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>The copy guard on real models and their own tokenizers: a model reciting its training verses is caught, a writer sees where.</summary>
[Collection(VersionRuns.Name)]
public sealed class CopyGuardTests(TrainedCandidates trained)
{
    [Fact]
    public async Task AModelRecitingATrainingVerseIsFlaggedWithTheVerseAndTheWordsItCopied()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();

        // The passing candidate learned its four verses by heart: greedy decoding recites one.
        var recited = await admin.GenerateAsync(new { prompt = Corpus.Prompt(1), candidate = trained.Passing.Id, temperature = 0 });
        var garbled = await admin.GenerateAsync(new { prompt = Corpus.Prompt(1), candidate = trained.Failing.Id, temperature = 0 });

        Assert.True(recited.Copy.Share > 0.5, $"Only {recited.Copy.Share:P0} flagged as copied in: {recited.Text}");
        Assert.Equal(recited.Copy.TotalTokens * recited.Copy.Share, recited.Copy.CopiedTokens, precision: 2);
        Assert.NotEmpty(recited.Copy.Passages);
        var markedTo = 0;
        foreach (var passage in recited.Copy.Passages)
        {
            // The marked words end the excerpt; a copy that ran on from the passage before shares its first words.
            var shown = recited.Text.Substring(passage.Start, passage.Length);
            var copy = recited.Text[..(passage.Start + passage.Length)];
            Assert.EndsWith(shown, passage.Excerpt);
            Assert.EndsWith(passage.Excerpt, copy);
            Assert.True(passage.Excerpt == shown || copy.Length - passage.Excerpt.Length < markedTo,
                $"'{passage.Excerpt}' starts before '{shown}' in words no passage marked.");
            var verse = await admin.GetFromJsonAsync<VerseResponse>($"/api/verses/{passage.VerseId}", PortalApi.Json);
            Assert.Contains(passage.Excerpt, verse!.Lyrics);
            Assert.True(passage.Excerpt.Split(' ').Length >= 4, $"'{passage.Excerpt}' is too short to be an 8-token copy.");
            markedTo = passage.Start + passage.Length;
        }
        Assert.Equal(0, garbled.Copy.Share);
        Assert.Empty(garbled.Copy.Passages);
        Assert.True(garbled.Copy.TotalTokens > 0);
    }

    [Fact]
    public async Task EightTokensOfARealOutputPlantedInAVerseAreFoundWhereTheyAreAndSevenAreNot()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        var output = (await admin.GenerateAsync(new { prompt = Corpus.Prompt(5), candidate = trained.Passing.Id, temperature = 0 })).Text;
        var tokenizer = Gpt2Tokenizer.LoadFolder(portal.CandidateFolder(trained.Passing));
        var tokens = TokenSpans.Of(tokenizer, output);
        var start = PlantableStart(output, tokens);
        var eight = output[tokens[start].Start..tokens[start + 7].End];
        var seven = output[tokens[start].Start..tokens[start + 6].End];
        var withEight = Planted(101, eight);
        var withSeven = Planted(102, seven);
        // The plants must read as the same tokens inside a verse, or the test would prove nothing.
        Assert.True(Contains(TokenSpans.Of(tokenizer, withEight.Lyrics), tokens[start..(start + 8)]), $"'{eight}' tokenises differently inside a verse.");
        Assert.True(Contains(TokenSpans.Of(tokenizer, withSeven.Lyrics), tokens[start..(start + 7)]), $"'{seven}' tokenises differently inside a verse.");

        var found = TrainingVerseIndex.Build(tokenizer, [withEight]).Check(output);
        var missed = TrainingVerseIndex.Build(tokenizer, [withSeven]).Check(output);

        var passage = Assert.Single(found.Passages);
        Assert.Equal(101, passage.VerseId);
        Assert.Equal(eight.Trim(), passage.VerseExcerpt);
        Assert.Equal(eight.Trim(), output.Substring(passage.Start, passage.Length));
        Assert.Equal(output.IndexOf(eight, StringComparison.Ordinal) + (eight.Length - eight.TrimStart().Length), passage.Start);
        Assert.Equal(8, found.CopiedTokens);
        Assert.Equal(tokens.Length, found.TotalTokens);
        Assert.Equal(8.0 / tokens.Length, found.Share, precision: 6);
        Assert.Empty(missed.Passages);
        Assert.Equal(0, missed.CopiedTokens);
        Assert.Equal(0, missed.Share);
    }

    /// <summary>
    /// The first run of eight tokens that starts a word (with its space) and ends where a word ends, as does its first
    /// seven: copied into a verse between other words, the same characters give the same tokens.
    /// </summary>
    private static int PlantableStart(string text, TokenSpan[] tokens)
    {
        bool StartsWord(int i) => i == tokens.Length
            || (tokens[i].Length > 1 && text[tokens[i].Start] == ' ' && char.IsLetter(text[tokens[i].Start + 1]));
        for (var i = 0; i + 8 <= tokens.Length; i++)
        {
            if (StartsWord(i) && StartsWord(i + 7) && StartsWord(i + 8))
                return i;
        }
        Assert.Fail($"No run of whole words eight tokens long in: {text}");
        return -1;
    }

    private static SnapshotVerse Planted(int id, string passage) =>
        new(id, $"hash-{id}", "Planted verse", $"Zebra quartz{passage} vexing jumps\nA line of its own");

    private static bool Contains(TokenSpan[] haystack, TokenSpan[] needle)
    {
        var ids = haystack.Select(t => t.Id).ToList();
        var wanted = needle.Select(t => t.Id).ToList();
        return Enumerable.Range(0, ids.Count - wanted.Count + 1).Any(i => ids.Skip(i).Take(wanted.Count).SequenceEqual(wanted));
    }
}
