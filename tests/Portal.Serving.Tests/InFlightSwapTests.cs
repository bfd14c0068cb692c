using System.Net.Http.Json;
using Portal.Serving.Tests.Support;

namespace Portal.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class InFlightSwapTests(ServingFixture fixture)
{
    [Fact]
    public async Task ARequestInFlightDuringASwapFinishesOnTheVersionItStartedOn()
    {
        var gate = new DecodeGate();
        string? v1 = null;
        await using var server = await PullServer.StartAsync(remote => v1 = remote.Publish(1, fixture.Models.First), new GatedModelLoader(() => v1, gate));
        await server.Host.WaitForVersionAsync(report => report.Version == 1, "v1 to be served");
        var servingV1 = server.Host.CurrentModel!;

        gate.Close();
        var inFlight = server.Host.Client.PostAsJsonAsync("/generate", new { prompt = "rain on the roof", maxNewTokens = 24, seed = 9 });
        try
        {
            await gate.Paused.WaitAsync(Eventually.Deadline);

            var v2 = server.Remote.Publish(2, fixture.Models.Second);
            var swapped = await server.Host.WaitForVersionAsync(report => report.Version == 2, "v2 to be swapped in");
            var meanwhile = await server.Host.GenerateAsync(new { prompt = "rain on the roof", maxNewTokens = 4 });

            Assert.Equal(v2, swapped.Commit);
            Assert.Equal((2, v2), (meanwhile.Version, meanwhile.Commit));
            // v1 is out of the slot, held by the one request in flight, and still whole.
            Assert.False(inFlight.IsCompleted);
            Assert.Equal(1, servingV1.Holders);
            Assert.False(servingV1.Stopped.IsCompleted);
            Assert.Single(server.CheckoutsOf(v1!));
        }
        finally
        {
            gate.Open();
        }

        using var response = await inFlight;
        var finished = (await response.Content.ReadFromJsonAsync<Generated>(ServingHost.Json))!;
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal((1, v1), (finished.Version, finished.Commit));
        Assert.Equal(24, finished.GeneratedTokens);
        // Its last request over, v1 stops and its checkout is deleted.
        await servingV1.Stopped.WaitAsync(Eventually.Deadline);
        Assert.Empty(server.CheckoutsOf(v1!));
    }
}
