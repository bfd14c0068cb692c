using System.Net;
using System.Text;
using System.Text.Json;
using Portal.Web.Tests.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.BadInput.Generation;

/// <summary>
/// POST /api/generate and /api/generate/stream with every hostile body of the corpus, against a real trained
/// candidate: a 4xx naming the field and its limit, never a 500, and no run in the writer's history.
/// </summary>
[Collection(VersionRuns.Name)]
public sealed class HostileGenerationTests(TrainedCandidates trained)
{
    [Theory]
    [MemberData(nameof(GenerationCases.Names), MemberType = typeof(GenerationCases))]
    public async Task AHostileGenerationRequestIsRefusedNamingTheFieldAndRecordsNothing(string name)
    {
        var hostile = GenerationCases.Find(name);
        await using var portal = trained.Start();
        var writer = await portal.Portal.CreateWriterAsync("lyricist");
        using var client = portal.Portal.CreateBearerClient(writer.Token);
        var body = hostile.Body(trained.Passing.Id);

        foreach (var path in new[] { "/api/generate", "/api/generate/stream" })
        {
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.True(hostile.Status == response.StatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var problem = await ProblemText.ReadAllAsync(response);
            Assert.Contains(hostile.Phrase, problem, StringComparison.Ordinal);
            if (hostile.Field.Length > 0)
                Assert.Contains($"{hostile.Field}: ", problem, StringComparison.Ordinal);
        }
        Assert.Empty(await portal.Playground().HistoryAsync(writer.Actor()));
    }

    [Fact]
    public async Task TheSameRequestWithSaneValuesIsAnsweredAndRecorded()
    {
        await using var portal = trained.Start();
        var writer = await portal.Portal.CreateWriterAsync("lyricist");
        using var client = portal.Portal.CreateBearerClient(writer.Token);
        var body = JsonSerializer.Serialize(new { prompt = Corpus.Prompt(1), candidate = trained.Passing.Id, maxNewTokens = 4, temperature = 10, topP = 1, topK = 0, seed = 0 });

        using var response = await client.PostAsync("/api/generate", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Single(await portal.Playground().HistoryAsync(writer.Actor()));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonAtAllIsRefusedAsUnsupported()
    {
        await using var portal = trained.Start();
        var writer = await portal.Portal.CreateWriterAsync("lyricist");
        using var client = portal.Portal.CreateBearerClient(writer.Token);

        using var response = await client.PostAsync("/api/generate", new StringContent("prompt=rain", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await ProblemText.ReadAllAsync(response), StringComparison.Ordinal);
        Assert.Empty(await portal.Playground().HistoryAsync(writer.Actor()));
    }
}
