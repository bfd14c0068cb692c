using System.Net;
using Portal.Core.Playground;
using Portal.Ml.Generation.Requests;
using Portal.Web.Api;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>
/// The machine-wide limit on models generating at once: past it a run is refused at once with 503 and Retry-After,
/// page and API alike, without using up the writer's own allowance, and runs go in again as soon as one ends.
/// </summary>
[Collection(VersionRuns.Name)]
public sealed class GenerationCapacityTests(TrainedCandidates trained)
{
    [Fact]
    public async Task WhileAnotherWritersRunFillsTheMachineARunIs503WithRetryAfterAndKeepsTheWritersAllowance()
    {
        await using var portal = trained.Start(settings: new Dictionary<string, string>
        {
            ["Portal:Playground:MaxConcurrentGenerations"] = "1",
            // One a minute: had a refused run used it up, the writer's run after the machine is free would be 429.
            ["Portal:Playground:RequestsPerMinute"] = "1",
        });
        var first = await portal.Portal.CreateWriterAsync("first");
        var second = await portal.Portal.CreateWriterAsync("second");
        using var firstClient = portal.Portal.CreateBearerClient(first.Token);
        using var secondClient = portal.Portal.CreateBearerClient(second.Token);
        var ask = new { prompt = Corpus.Prompt(1), candidate = trained.Passing.Id, maxNewTokens = 4, temperature = 0 };
        var pageAsk = new PlaygroundRunRequest(new GenerateRequest { Prompt = Corpus.Prompt(1), MaxNewTokens = 4 }, [ModelChoice.ForCandidate(trained.Passing.Id)]);

        // The first writer's run stays admitted, queued on a model the test holds, for as long as the test needs.
        HttpResponseMessage refused, refusedStream;
        PlaygroundRefusedException pageRefusal;
        Task<GenerateApiResponse> firstRun;
        await using (await HeldModel.HoldAsync(portal, ModelChoice.ForCandidate(trained.Passing.Id)))
        {
            firstRun = firstClient.GenerateAsync(ask);
            await PlaygroundPortals.EventuallyAsync(() => Task.FromResult(portal.Service<GenerationCapacity>().InUse == 1), "the first writer's run to be admitted");
            refused = await secondClient.PostGenerateAsync(ask).WaitAsync(PlaygroundPortals.Limit);
            refusedStream = await secondClient.OpenStreamAsync(ask).WaitAsync(PlaygroundPortals.Limit);
            pageRefusal = await Assert.ThrowsAsync<PlaygroundRefusedException>(() => portal.Playground().RunAsync(second.Actor(), pageAsk, null));
        }
        await firstRun.WaitAsync(PlaygroundPortals.Limit);

        using (refused)
        using (refusedStream)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            var problem = await refused.ReadProblemAsync();
            Assert.Equal("The playground is busy", problem.GetProperty("title").GetString());
            Assert.Equal("The playground is busy: 1 of the 1 generations this server runs at full speed are going. Try again in a moment.",
                problem.GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedStream.StatusCode);
            Assert.NotNull(refusedStream.Headers.RetryAfter);
        }
        Assert.Equal(PlaygroundRefusal.AtCapacity, pageRefusal.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), pageRefusal.RetryAfter);
        Assert.Empty(await portal.Playground().HistoryAsync(second.Actor()));

        // The machine is free again and none of the refusals used the second writer's one run a minute.
        var after = await secondClient.GenerateAsync(ask);
        Assert.NotEmpty(after.Text);
        Assert.Equal(0, portal.Service<GenerationCapacity>().InUse);
    }

    [Fact]
    public async Task AComparisonOfMoreModelsThanTheLimitRunsWhenTheMachineIsIdle()
    {
        await using var portal = trained.Start(settings: new Dictionary<string, string> { ["Portal:Playground:MaxConcurrentGenerations"] = "1" });
        var writer = await portal.Portal.CreateWriterAsync("lyricist");
        var request = new PlaygroundRunRequest(new GenerateRequest { Prompt = Corpus.Prompt(1), MaxNewTokens = 4, Temperature = 0 },
            [ModelChoice.ForCandidate(trained.Passing.Id), ModelChoice.ForCandidate(trained.Failing.Id)]);

        var result = await portal.Playground().RunAsync(writer.Actor(), request, null);

        Assert.Equal(2, result.Outputs.Count);
        Assert.All(result.Outputs, output => Assert.Null(output.Error));
        Assert.Equal(0, portal.Service<GenerationCapacity>().InUse);
    }
}
