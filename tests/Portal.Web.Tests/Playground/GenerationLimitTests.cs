using System.Net;
using Portal.Core.Playground;
using Portal.Ml.Generation;
using Portal.Ml.Generation.Requests;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>The per-writer rules of generation: a rate limit shared by the page and the API, and one running generation at a time.</summary>
[Collection(VersionRuns.Name)]
public sealed class GenerationLimitTests(TrainedCandidates trained)
{
    [Fact]
    public async Task AWritersThirdGenerationInAMinuteIs429WithRetryAfterCountingThePageAndTheApiTogether()
    {
        await using var portal = trained.Start(settings: new Dictionary<string, string> { ["Portal:Playground:RequestsPerMinute"] = "2" });
        var writer = await portal.Portal.CreateWriterAsync("lyricist");
        var other = await portal.Portal.CreateWriterAsync("other");
        using var client = portal.Portal.CreateBearerClient(writer.Token);
        using var otherClient = portal.Portal.CreateBearerClient(other.Token);
        var ask = new { prompt = Corpus.Prompt(1), candidate = trained.Passing.Id, maxNewTokens = 4 };

        await client.GenerateAsync(ask);
        // The page's way in: the service itself.
        await portal.Playground().RunAsync(writer.Actor(),
            new PlaygroundRunRequest(new GenerateRequest { Prompt = Corpus.Prompt(1), MaxNewTokens = 4 }, [ModelChoice.ForCandidate(trained.Passing.Id)]), null);
        using var third = await client.PostGenerateAsync(ask);
        using var thirdStream = await client.OpenStreamAsync(ask);
        // Another writer has a budget of their own (GenerateAsync fails the test on anything but 200).
        await otherClient.GenerateAsync(ask);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.Zero, $"Retry-After should be a positive number of seconds, got '{third.Headers.RetryAfter}'.");
        var detail = (await third.ReadProblemAsync()).GetProperty("detail").GetString();
        Assert.Contains("2 generations a minute", detail);
        Assert.Contains($"try again in {retryAfter!.Value.TotalSeconds:0} second", detail);
        Assert.Equal(HttpStatusCode.TooManyRequests, thirdStream.StatusCode);
        Assert.NotNull(thirdStream.Headers.RetryAfter);
        Assert.Equal(2, (await portal.Playground().HistoryAsync(writer.Actor())).Count);
        Assert.Single(await portal.Playground().HistoryAsync(other.Actor()));
    }

    [Fact]
    public async Task AWritersSecondGenerationIs409WhileAStreamIsOpenAndDisconnectingStopsItAndFreesTheWriter()
    {
        await using var portal = trained.Start();
        var writer = await portal.Portal.CreateWriterAsync("lyricist");
        using var client = portal.Portal.CreateBearerClient(writer.Token);
        var ask = new { prompt = Corpus.Prompt(1), candidate = trained.Passing.Id, temperature = 0 };

        HttpResponseMessage busy;
        await using (await HeldModel.HoldAsync(portal, ModelChoice.ForCandidate(trained.Passing.Id)))
        {
            // Bounded, or a stream that never answered would keep the test from ever releasing the model.
            using var stream = await client.OpenStreamAsync(ask).WaitAsync(PlaygroundPortals.Limit);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
            busy = await client.PostGenerateAsync(ask).WaitAsync(PlaygroundPortals.Limit);
            // Leaving the using block drops the connection while the stream's generation is still queued.
        }

        using (busy)
        {
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            Assert.Equal(PlaygroundRunner.BusyMessage, (await busy.ReadProblemAsync()).GetProperty("detail").GetString());
        }
        var history = portal.Playground();
        await PlaygroundPortals.EventuallyAsync(async () => (await history.HistoryAsync(writer.Actor())).Count == 1, "the dropped stream's run to be recorded");
        var dropped = Assert.Single(Assert.Single(await history.HistoryAsync(writer.Actor())).Outputs);
        Assert.Equal(nameof(FinishReason.Cancelled), dropped.FinishReason);
        var next = await client.GenerateAsync(ask);
        Assert.Equal("EndOfText", next.FinishReason);
        Assert.NotEmpty(next.Text);
    }
}
