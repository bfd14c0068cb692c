using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Portal.Web.Api;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Playground;

/// <summary>The calls tests make to /api/generate, with the portal's own contracts.</summary>
internal static class GenerateApi
{
    public static Task<HttpResponseMessage> PostGenerateAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/generate", body, TrainingApi.Json);

    public static async Task<GenerateApiResponse> GenerateAsync(this HttpClient client, object body)
    {
        using var response = await client.PostGenerateAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<GenerateApiResponse>(text, TrainingApi.Json)!;
    }

    /// <summary>Opens the stream and returns once its headers are in; the caller reads (or drops) the events.</summary>
    public static Task<HttpResponseMessage> OpenStreamAsync(this HttpClient client, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/generate/stream") { Content = JsonContent.Create(body, options: TrainingApi.Json) },
            HttpCompletionOption.ResponseHeadersRead);

    public static async Task<StreamedGeneration> StreamAsync(this HttpClient client, object body)
    {
        using var response = await client.OpenStreamAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await StreamedGeneration.ReadAsync(response);
    }
}

/// <summary>What a stream of /api/generate/stream carried: the pieces in order, then its done or error event.</summary>
/// <summary><see cref="DoneJson"/> is the "done" event's data as sent, for checks of the wire format.</summary>
internal sealed record StreamedGeneration(IReadOnlyList<string> Pieces, GenerateApiResponse? Done, string? DoneJson, string? Error, IReadOnlyList<string> EventTypes)
{
    public static async Task<StreamedGeneration> ReadAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        var (pieces, types) = (new List<string>(), new List<string>());
        GenerateApiResponse? done = null;
        string? doneJson = null, error = null;
        await foreach (var item in SseParser.Create(body).EnumerateAsync())
        {
            types.Add(item.EventType);
            switch (item.EventType)
            {
                case GenerateEndpoints.DoneEvent:
                    done = JsonSerializer.Deserialize<GenerateApiResponse>(item.Data, TrainingApi.Json);
                    doneJson = item.Data;
                    break;
                case GenerateEndpoints.ErrorEvent:
                    error = JsonSerializer.Deserialize<GenerateStreamError>(item.Data, TrainingApi.Json)!.Message;
                    break;
                default:
                    pieces.Add(JsonSerializer.Deserialize<GenerateStreamText>(item.Data, TrainingApi.Json)!.Text);
                    break;
            }
        }
        return new StreamedGeneration(pieces, done, doneJson, error, types);
    }
}
