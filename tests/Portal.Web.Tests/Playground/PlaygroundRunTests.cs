using System.Collections.Concurrent;
using System.Net;
using Portal.Core.Playground;
using Portal.Ml.Generation;
using Portal.Ml.Generation.Requests;
using Portal.Ml.Model;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>Runs as the playground page makes them, through the service: several models side by side, a Stop button, a model that fails.</summary>
[Collection(VersionRuns.Name)]
public sealed class PlaygroundRunTests(TrainedCandidates trained)
{
    [Fact]
    public async Task TwoModelsWriteSideBySideWithOneDrawnSeedEachStreamingItsOwnPieces()
    {
        await using var portal = trained.Start();
        var writer = (await portal.Portal.CreateWriterAsync("lyricist")).Actor();
        var playground = portal.Playground();
        var (good, rough) = (ModelChoice.ForCandidate(trained.Passing.Id), ModelChoice.ForCandidate(trained.Failing.Id));
        var pieces = new ConcurrentDictionary<ModelChoice, ConcurrentQueue<string>>();
        var sampling = new GenerateRequest { Prompt = Corpus.Prompt(2), Temperature = 1.0, MaxNewTokens = 24 };

        var run = await playground.RunAsync(writer, new PlaygroundRunRequest(sampling, [good, rough, good]),
            (model, piece) => pieces.GetOrAdd(model, _ => new ConcurrentQueue<string>()).Enqueue(piece));
        var goodAlone = await playground.RunAsync(writer, new PlaygroundRunRequest(sampling with { Seed = run.Seed }, [good]), null);
        var roughAlone = await playground.RunAsync(writer, new PlaygroundRunRequest(sampling with { Seed = run.Seed }, [rough]), null);
        var recorded = (await playground.HistoryAsync(writer)).Single(r => r.Id == run.RunId);

        Assert.Equal([good, rough], run.Outputs.Select(o => o.Model.Choice));
        Assert.All(run.Outputs, output => Assert.Null(output.Error));
        // A drawn seed can have a model end its text at once: it then streams nothing, and its text is empty.
        Assert.Equal(run.Outputs[0].Text, string.Concat(pieces.GetValueOrDefault(good) ?? []));
        Assert.Equal(run.Outputs[1].Text, string.Concat(pieces.GetValueOrDefault(rough) ?? []));
        Assert.True(pieces.Count > 0, $"Neither model wrote a word with seed {run.Seed}, so nothing was streamed.");
        // The seed drawn for the run was every model's: each alone with it writes what it wrote side by side.
        Assert.Equal(goodAlone.Outputs[0].Text, run.Outputs[0].Text);
        Assert.Equal(roughAlone.Outputs[0].Text, run.Outputs[1].Text);
        Assert.NotEqual(run.Outputs[0].Text, run.Outputs[1].Text);
        Assert.Equal(run.Seed, recorded.Settings.Seed);
        Assert.Equal([good, rough], recorded.Outputs.Select(o => o.Model));
        Assert.Equal(run.Outputs.Select(o => o.Text), recorded.Outputs.Select(o => o.Text));
    }

    [Fact]
    public async Task StoppingARunKeepsAndRecordsWhatWasWrittenSoFar()
    {
        await using var portal = trained.Start();
        var writer = (await portal.Portal.CreateWriterAsync("lyricist")).Actor();
        var playground = portal.Playground();
        var model = ModelChoice.ForCandidate(trained.Passing.Id);
        var sampling = new GenerateRequest { Prompt = Corpus.Prompt(1), Temperature = 0 };
        var whole = (await playground.RunAsync(writer, new PlaygroundRunRequest(sampling, [model]), null)).Outputs[0];
        using var stop = new CancellationTokenSource();

        // The writer presses Stop as soon as the first words appear.
        var stopped = await playground.RunAsync(writer, new PlaygroundRunRequest(sampling, [model]), (_, _) => stop.Cancel(), stop.Token);

        var output = Assert.Single(stopped.Outputs);
        Assert.Equal(FinishReason.Cancelled, output.FinishReason);
        Assert.NotEmpty(output.Text);
        Assert.StartsWith(output.Text, whole.Text);
        Assert.True(output.GeneratedTokens < whole.GeneratedTokens);
        var recorded = (await playground.HistoryAsync(writer)).Single(r => r.Id == stopped.RunId);
        Assert.Equal(nameof(FinishReason.Cancelled), recorded.Outputs[0].FinishReason);
        Assert.Equal(output.Text, recorded.Outputs[0].Text);
    }

    [Fact]
    public async Task AModelThatCannotLoadReportsWhyWhileTheOtherModelWrites()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        var weights = Path.Combine(portal.CandidateFolder(trained.Failing), HfCheckpoint.WeightsFileName);
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..1000]);
        var writer = (await portal.Portal.CreateWriterAsync("lyricist")).Actor();
        var playground = portal.Playground();
        var (good, broken) = (ModelChoice.ForCandidate(trained.Passing.Id), ModelChoice.ForCandidate(trained.Failing.Id));

        var run = await playground.RunAsync(writer, new PlaygroundRunRequest(new GenerateRequest { Prompt = Corpus.Prompt(1), MaxNewTokens = 8, Temperature = 0 }, [good, broken]), null);
        using var alone = await admin.PostGenerateAsync(new { prompt = Corpus.Prompt(1), candidate = trained.Failing.Id });

        Assert.Null(run.Outputs[0].Error);
        Assert.NotEmpty(run.Outputs[0].Text);
        Assert.Contains($"{broken} could not generate", run.Outputs[1].Error);
        Assert.Equal("", run.Outputs[1].Text);
        var recorded = (await playground.HistoryAsync(writer)).Single();
        Assert.Equal("Error", recorded.Outputs[1].FinishReason);
        Assert.Equal(HttpStatusCode.InternalServerError, alone.StatusCode);
        Assert.Contains("could not generate", (await alone.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ARunNeedsOneModelAndAtMostTheLimitAndAModelTooLargeForTheBudgetIsRefusedWithoutHoldingTheWriter()
    {
        await using var portal = trained.Start(settings: new Dictionary<string, string>
        {
            ["Portal:Playground:MaxModelsPerRun"] = "2",
            ["Portal:Playground:ModelCacheMegabytes"] = "0",
        });
        using var admin = portal.CreateAdminClient();
        var writer = (await portal.Portal.CreateWriterAsync("lyricist")).Actor();
        var playground = portal.Playground();
        var sampling = new GenerateRequest { Prompt = "Rain on a tin roof" };
        var model = ModelChoice.ForCandidate(trained.Passing.Id);

        var none = await Assert.ThrowsAsync<PlaygroundRefusedException>(() => playground.RunAsync(writer, new PlaygroundRunRequest(sampling, []), null));
        var three = await Assert.ThrowsAsync<PlaygroundRefusedException>(() => playground.RunAsync(writer,
            new PlaygroundRunRequest(sampling, [ModelChoice.ForVersion(1), ModelChoice.ForVersion(2), ModelChoice.ForVersion(3)]), null));
        var tooLarge = await Assert.ThrowsAsync<PlaygroundRefusedException>(() => playground.RunAsync(writer, new PlaygroundRunRequest(sampling, [model]), null));
        var again = await Assert.ThrowsAsync<PlaygroundRefusedException>(() => playground.RunAsync(writer, new PlaygroundRunRequest(sampling, [model]), null));
        using var api = await admin.PostGenerateAsync(new { prompt = "Rain on a tin roof", candidate = trained.Passing.Id });

        Assert.Equal(PlaygroundRefusal.Invalid, none.Reason);
        Assert.Contains("at least one model", none.Problems["models"][0]);
        Assert.Equal(PlaygroundRefusal.Invalid, three.Reason);
        Assert.Contains("at most 2 models", three.Problems["models"][0]);
        Assert.Equal(PlaygroundRefusal.TooLarge, tooLarge.Reason);
        Assert.Contains("ModelCacheMegabytes", tooLarge.Message);
        // Refused, not busy: the refusal let go of the writer's slot.
        Assert.Equal(PlaygroundRefusal.TooLarge, again.Reason);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Contains("ModelCacheMegabytes", (await api.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Empty(await playground.HistoryAsync(writer));
    }
}
