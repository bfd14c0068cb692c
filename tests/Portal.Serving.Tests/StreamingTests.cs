using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Serving.Tests.Support;

namespace Portal.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class StreamingTests(ServingFixture fixture)
{
    [Fact]
    public async Task AStreamSendsThePiecesThenADoneEventWhoseTextIsThePiecesTogether()
    {
        var host = await fixture.SteadyAsync();
        var request = new { prompt = "rain on the roof", maxNewTokens = 30, seed = 11 };

        var (contentType, events) = await StreamAsync(host, request);

        Assert.Equal("text/event-stream", contentType);
        var pieces = events.SkipLast(1).ToList();
        Assert.True(pieces.Count >= 3, $"Only {pieces.Count} pieces came before the end.");
        Assert.All(pieces, piece => Assert.Equal("message", piece.Event));
        Assert.All(pieces, piece => Assert.Equal(["text"], JsonDocument.Parse(piece.Data).RootElement.EnumerateObject().Select(p => p.Name)));
        Assert.Equal("done", events[^1].Event);
        var done = JsonSerializer.Deserialize<Generated>(events[^1].Data, ServingHost.Json)!;
        Assert.Equal(string.Concat(pieces.Select(Text)), done.Text);
        Assert.Equal(1, done.Version);
        Assert.Equal(fixture.SteadyCommit, done.Commit);
        Assert.Equal(30, done.GeneratedTokens);
        Assert.Equal("Length", done.FinishReason);
    }

    [Fact]
    public async Task AStreamEndsWithTheSameSummaryAsTheWholeAnswer()
    {
        var host = await fixture.SteadyAsync();
        var request = new { prompt = "neon in my eyes", maxNewTokens = 40, seed = 5, stop = Array.Empty<string>() };
        var whole = await host.GenerateAsync(request);
        var stopped = request with { stop = new[] { whole.Text.Skip(1).First(c => c != '\uFFFD').ToString() } };

        foreach (var asked in new[] { request, stopped })
        {
            var expected = await host.GenerateAsync(asked);
            var (_, events) = await StreamAsync(host, asked);
            var done = JsonSerializer.Deserialize<Generated>(events[^1].Data, ServingHost.Json)!;

            Assert.Equal(expected with { FirstTokenMs = 0, TotalMs = 0 }, done with { FirstTokenMs = 0, TotalMs = 0 });
        }
    }

    [Fact]
    public async Task AClientThatDisconnectsCancelsItsGeneration()
    {
        var gate = new DecodeGate();
        string? v1 = null;
        await using var server = await PullServer.StartAsync(remote => v1 = remote.Publish(1, fixture.Models.First), new GatedModelLoader(() => v1, gate));
        await server.Host.WaitForVersionAsync(report => report.Version == 1, "v1 to be served");
        var model = server.Host.CurrentModel!;
        gate.Close();

        using (var disconnect = new CancellationTokenSource())
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/generate?stream=true")
            {
                Content = JsonContent.Create(new { prompt = "rain", maxNewTokens = 500, seed = 1 }),
            };
            var sending = server.Host.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, disconnect.Token);
            await gate.Paused.WaitAsync(Eventually.Deadline);
            await disconnect.CancelAsync();
            try
            {
                // When the headers came first, dropping the response unread closes the connection instead.
                using var response = await sending;
            }
            catch (OperationCanceledException)
            {
            }
        }

        // The request lets go of its model once the service has seen the client go; the generation, held at the
        // gate meanwhile, then stops at its next token instead of writing the rest of its 500.
        await Eventually.TrueAsync(() => model.Holders == 1, "the disconnected request to end");
        var decodedWhenCancelled = gate.Decodes;
        gate.Open();
        var next = await server.Host.GenerateAsync(new { prompt = "rain", maxNewTokens = 5, seed = 1 });

        Assert.Equal(1, next.Version);
        Assert.Equal(decodedWhenCancelled + 5, gate.Decodes);
    }

    private static async Task<(string? ContentType, List<ServerSentEvent> Events)> StreamAsync(ServingHost host, object request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/generate?stream=true") { Content = JsonContent.Create(request) };
        using var response = await host.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Content.Headers.ContentType?.MediaType, await ServerSentEvent.ReadAllAsync(await response.Content.ReadAsStreamAsync()));
    }

    private static string Text(ServerSentEvent piece) => JsonDocument.Parse(piece.Data).RootElement.GetProperty("text").GetString()!;
}
