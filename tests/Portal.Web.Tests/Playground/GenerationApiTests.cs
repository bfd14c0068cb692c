using System.Net;
using System.Text.Json;
using Portal.Web.Api;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>POST /api/generate and /api/generate/stream with real trained models: what a script asking for lyrics gets back.</summary>
[Collection(VersionRuns.Name)]
public sealed class GenerationApiTests(TrainedCandidates trained)
{
    [Fact]
    public async Task TheSameSeedAndSettingsGiveTheSameTextAndAnotherSeedDoesNot()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        var ask = new { prompt = Corpus.Prompt(1), candidate = trained.Passing.Id, temperature = 1.0, seed = 7 };

        var first = await admin.GenerateAsync(ask);
        var again = await admin.GenerateAsync(ask);
        var otherSeed = await admin.GenerateAsync(ask with { seed = 8 });

        Assert.NotEmpty(first.Text);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(7, again.Seed);
        Assert.NotEqual(first.Text, otherSeed.Text);
        Assert.Equal(8, otherSeed.Seed);
        Assert.NotEqual(first.RunId, again.RunId);
    }

    [Fact]
    public async Task AStopSequenceTakenFromAnOutputEndsTheTextJustBeforeIt()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        var ask = new { prompt = Corpus.Prompt(1), candidate = trained.Passing.Id, temperature = 0.0, stop = (string[]?)null };
        var free = await admin.GenerateAsync(ask);
        var words = free.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var stop = words[words.Length / 2];
        Assert.True(free.Text.IndexOf(stop, StringComparison.Ordinal) > 0, $"'{stop}' should come after the start of: {free.Text}");

        var stopped = await admin.GenerateAsync(ask with { stop = [stop] });

        Assert.Equal(free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
        Assert.Equal("StopSequence", stopped.FinishReason);
        Assert.True(stopped.GeneratedTokens < free.GeneratedTokens);
    }

    [Fact]
    public async Task MaxNewTokensEndsTheTextAtThatManyTokens()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();

        var free = await admin.GenerateAsync(new { prompt = Corpus.Prompt(1), candidate = trained.Passing.Id, temperature = 0 });
        var capped = await admin.GenerateAsync(new { prompt = Corpus.Prompt(1), candidate = trained.Passing.Id, temperature = 0, maxNewTokens = 5 });

        Assert.True(free.GeneratedTokens > 5, $"The free output is only {free.GeneratedTokens} tokens long.");
        Assert.Equal(5, capped.GeneratedTokens);
        Assert.Equal("Length", capped.FinishReason);
        Assert.StartsWith(capped.Text, free.Text);
        Assert.True(capped.Text.Length < free.Text.Length);
        Assert.Equal(free.PromptTokens, capped.PromptTokens);
    }

    [Fact]
    public async Task TheStreamSendsTheTextPieceByPieceThenTheSameResultAsTheWholeAnswer()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        // The most tokens allowed: pieces written while an event goes out are sent together, and a short run on a fast
        // machine could be done before the first event.
        var ask = new { prompt = Corpus.Prompt(3), candidate = trained.Passing.Id, seed = 11, maxNewTokens = 512 };

        var streamed = await admin.StreamAsync(ask);
        var whole = await admin.GenerateAsync(ask);
        using var raw = await admin.PostGenerateAsync(ask);
        using var wholeJson = JsonDocument.Parse(await raw.Content.ReadAsStringAsync());
        using var doneJson = JsonDocument.Parse(streamed.DoneJson!);

        Assert.Null(streamed.Error);
        Assert.True(streamed.Pieces.Count > 1, "The text should come in several pieces.");
        Assert.Equal(GenerateEndpoints.DoneEvent, streamed.EventTypes[^1]);
        Assert.All(streamed.EventTypes.SkipLast(1), type => Assert.Equal("message", type));
        var done = streamed.Done!;
        Assert.Equal(string.Concat(streamed.Pieces), done.Text);
        Assert.Equal(whole.Text, done.Text);
        Assert.Equal(11, done.Seed);
        Assert.Equal($"job-{trained.Passing.Id}", done.Model);
        Assert.Equal(whole.GeneratedTokens, done.GeneratedTokens);
        Assert.True(done.TotalMs >= done.FirstTokenMs && done.FirstTokenMs > 0);
        Assert.True(done.TokensPerSecond > 0);
        foreach (var answer in new[] { wholeJson.RootElement, doneJson.RootElement })
        {
            Assert.Equal(["model", "label", "text", "seed", "promptTokens", "generatedTokens", "finishReason", "firstTokenMs", "totalMs", "tokensPerSecond", "copy", "runId"],
                answer.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.String, answer.GetProperty("finishReason").ValueKind);
            Assert.Equal(["share", "copiedTokens", "totalTokens", "passages"], answer.GetProperty("copy").EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task ACandidateAndAPromotedVersionBothGenerateAndAVersionStillDoesOnceItsCandidateFolderIsGone()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        var greedy = new { prompt = Corpus.Prompt(2), temperature = 0.0, version = (int?)null, candidate = (long?)null };
        await admin.PromoteAsync(trained.Passing.Id);

        var candidate = await admin.GenerateAsync(greedy with { candidate = trained.Failing.Id });
        var promotedCandidate = await admin.GenerateAsync(greedy with { candidate = trained.Passing.Id });
        var version = await admin.GenerateAsync(greedy with { version = 1 });
        var live = await admin.GenerateAsync(greedy);
        Directory.Delete(portal.CandidateFolder(trained.Passing), recursive: true);
        var exported = await admin.GenerateAsync(greedy with { version = 1 });
        using var goneCandidate = await admin.PostGenerateAsync(greedy with { candidate = trained.Passing.Id });

        Assert.Equal($"job {trained.Failing.Id} candidate", candidate.Label);
        Assert.Equal("v1", version.Model);
        Assert.Equal("v1 · live", version.Label);
        Assert.Equal("v1", live.Model);
        // v1 is the Passing candidate's files: the same greedy text, from its folder and from the tag's export alike.
        Assert.Equal(promotedCandidate.Text, version.Text);
        Assert.Equal(version.Text, live.Text);
        Assert.Equal(version.Text, exported.Text);
        Assert.NotEqual(version.Text, candidate.Text);
        Assert.Equal(HttpStatusCode.NotFound, goneCandidate.StatusCode);
    }

    [Fact]
    public async Task WithoutAPromotedVersionARequestNamingNoModelIsToldToNameOne()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();

        using var response = await admin.PostGenerateAsync(new { prompt = Corpus.Prompt(1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains("No version has been promoted yet", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("model", out _));
    }

    [Fact]
    public async Task UnknownModelsAre404AndNamingTwoModelsIs400()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();

        using var version = await admin.PostGenerateAsync(new { prompt = "rain", version = 9 });
        using var candidate = await admin.PostGenerateAsync(new { prompt = "rain", candidate = 999 });
        using var model = await admin.PostGenerateAsync(new { prompt = "rain", model = "job-77" });
        using var stream = await admin.OpenStreamAsync(new { prompt = "rain", model = "v4" });
        using var two = await admin.PostGenerateAsync(new { prompt = "rain", version = 1, candidate = trained.Passing.Id });
        using var garbled = await admin.PostGenerateAsync(new { prompt = "rain", model = "latest" });

        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
        Assert.Contains("There is no model v9", (await version.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, candidate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, model.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        Assert.Contains("Name one model", (await two.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
    }

    [Fact]
    public async Task APromptOverTheLimitIs400NamingTheLimitForTheWholeAnswerAndTheStreamAlike()
    {
        await using var portal = trained.Start(settings: new Dictionary<string, string>
        {
            ["Portal:Playground:Limits:MaxPromptChars"] = "40",
            ["Portal:Playground:Limits:MaxNewTokens"] = "64",
        });
        using var admin = portal.CreateAdminClient();
        var tooLong = new string('a', 41);

        using var whole = await admin.PostGenerateAsync(new { prompt = tooLong, candidate = trained.Passing.Id });
        using var stream = await admin.OpenStreamAsync(new { prompt = tooLong, candidate = trained.Passing.Id });
        using var tooMany = await admin.PostGenerateAsync(new { prompt = "rain", candidate = trained.Passing.Id, maxNewTokens = 65 });
        using var atLimit = await admin.PostGenerateAsync(new { prompt = new string('a', 40), candidate = trained.Passing.Id, maxNewTokens = 64 });

        foreach (var refused in new[] { whole, stream })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.ReadProblemAsync();
            Assert.Contains("the limit is 40", problem.GetProperty("detail").GetString());
            Assert.Contains("the limit is 40", problem.GetProperty("errors").GetProperty("prompt")[0].GetString());
        }
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("between 1 and 64", (await tooMany.ReadProblemAsync()).GetProperty("errors").GetProperty("maxNewTokens")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
    }

    [Fact]
    public async Task AnonymousCallersAre401()
    {
        await using var portal = trained.Start();
        using var anonymous = portal.Portal.CreateClient();

        using var whole = await anonymous.PostGenerateAsync(new { prompt = "rain", candidate = trained.Passing.Id });
        using var stream = await anonymous.OpenStreamAsync(new { prompt = "rain", candidate = trained.Passing.Id });

        Assert.Equal(HttpStatusCode.Unauthorized, whole.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stream.StatusCode);
    }

    [Fact]
    public async Task TheWritersHistoryRecordsTheRunWithTheSeedItWasGivenWhichRepeatsIt()
    {
        await using var portal = trained.Start();
        var writer = await portal.Portal.CreateWriterAsync("lyricist");
        using var client = portal.Portal.CreateBearerClient(writer.Token);

        var drawn = await client.GenerateAsync(new { prompt = Corpus.Prompt(4), candidate = trained.Passing.Id, temperature = 1.2, topK = 0 });
        var history = await portal.Playground().HistoryAsync(writer.Actor());
        var repeated = await client.GenerateAsync(new { prompt = Corpus.Prompt(4), candidate = trained.Passing.Id, temperature = 1.2, topK = 0, seed = drawn.Seed });

        var run = Assert.Single(history);
        Assert.Equal(drawn.RunId, run.Id);
        Assert.Equal(Corpus.Prompt(4), run.Prompt);
        Assert.Equal(drawn.Seed, run.Settings.Seed);
        Assert.Equal(1.2, run.Settings.Temperature);
        Assert.Equal(0, run.Settings.TopK);
        var output = Assert.Single(run.Outputs);
        Assert.Equal($"job-{trained.Passing.Id}", output.Model.ToString());
        Assert.Equal(drawn.Text, output.Text);
        Assert.Equal(drawn.GeneratedTokens, output.GeneratedTokens);
        Assert.Equal(drawn.Text, repeated.Text);
        Assert.Empty(await portal.Playground().HistoryAsync(await portal.AdminAsync()));
    }
}
