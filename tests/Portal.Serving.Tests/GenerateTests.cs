using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Serving.Tests.Support;

namespace Portal.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class GenerateTests(ServingFixture fixture)
{
    [Fact]
    public async Task GenerateAnswersWithTheTextAndTheVersionAndCommitThatWroteIt()
    {
        var host = await fixture.SteadyAsync();

        using var response = await host.Client.PostAsJsonAsync("/generate", new { prompt = "rain on the roof", maxNewTokens = 12, seed = 3 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["commit", "finishReason", "firstTokenMs", "generatedTokens", "promptTokens", "text", "totalMs", "version"],
            body.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
        var generated = body.Deserialize<Generated>(ServingHost.Json)!;
        Assert.NotEmpty(generated.Text);
        Assert.Equal(1, generated.Version);
        Assert.Equal(fixture.SteadyCommit, generated.Commit);
        Assert.Equal(12, generated.GeneratedTokens);
        Assert.Equal("Length", generated.FinishReason);
        Assert.True(generated.PromptTokens > 0);
        Assert.InRange(generated.FirstTokenMs, 0, generated.TotalMs);
    }

    [Fact]
    public async Task TheSameSeedAndSettingsGiveTheSameTextAndAnotherSeedAnotherText()
    {
        var host = await fixture.SteadyAsync();
        var request = new { prompt = "city lights", maxNewTokens = 24, temperature = 1.0, topK = 40, topP = 0.9, seed = 42 };

        var first = await host.GenerateAsync(request);
        var again = await host.GenerateAsync(request);
        var otherSeed = await host.GenerateAsync(request with { seed = 43 });

        Assert.Equal(first.Text, again.Text);
        Assert.NotEqual(first.Text, otherSeed.Text);
    }

    [Fact]
    public async Task AStopStringEndsTheTextBeforeIt()
    {
        var host = await fixture.SteadyAsync();
        var request = new { prompt = "old guitar", maxNewTokens = 40, seed = 7, stop = Array.Empty<string>() };
        var unstopped = await host.GenerateAsync(request);
        // Any character the model wrote after its first, so that the stop falls inside the text.
        var stop = unstopped.Text.Skip(1).First(c => c != '\uFFFD').ToString();

        var stopped = await host.GenerateAsync(request with { stop = new[] { stop } });

        Assert.Equal(unstopped.Text[..unstopped.Text.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
        Assert.Equal("StopSequence", stopped.FinishReason);
        Assert.True(stopped.GeneratedTokens < unstopped.GeneratedTokens);
    }
}
