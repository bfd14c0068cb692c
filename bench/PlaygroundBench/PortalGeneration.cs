using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace PlaygroundBench;

/// <summary>
/// One generation through the API, timed by the client from the moment the request is sent: ClientHeadersMs when the
/// stream's headers arrive (the run was admitted), ClientFirstTokenMs at the first "data" event, ClientLastPieceMs at
/// the last one; the three are NaN for the JSON path. Server* figures are what the portal reports in its answer.
/// </summary>
internal sealed record PortalRun(
    double ClientHeadersMs, double ClientFirstTokenMs, double ClientLastPieceMs, double ClientTotalMs, double ServerFirstTokenMs, double ServerTotalMs,
    int Tokens, string FinishReason, string Text)
{
    public double ClientTokensPerSecond => Tokens / (ClientTotalMs / 1000);
}

/// <summary>POST /api/generate/stream (server-sent events) and POST /api/generate (JSON) as a script would call them.</summary>
internal static class PortalGeneration
{
    private const string DoneEvent = "done";
    private const string ErrorEvent = "error";

    public static async Task<PortalRun> StreamAsync(HttpClient api, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/generate/stream") { Content = JsonContent.Create(body) };
        var clock = Stopwatch.StartNew();
        // Headers only: the body is read as the events arrive, or the first token would be timed at the end.
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var headersMs = clock.Elapsed.TotalMilliseconds;
        await EnsureSuccessAsync(response, "/api/generate/stream", cancellationToken);
        await using var events = await response.Content.ReadAsStreamAsync(cancellationToken);

        var firstPiece = double.NaN;
        var lastPiece = double.NaN;
        var text = new StringBuilder();
        await foreach (var item in SseParser.Create(events).EnumerateAsync(cancellationToken))
        {
            if (item.EventType == DoneEvent)
            {
                var totalMs = clock.Elapsed.TotalMilliseconds;
                using var done = JsonDocument.Parse(item.Data);
                var run = FromSummary(done.RootElement, totalMs) with
                {
                    ClientHeadersMs = headersMs,
                    ClientFirstTokenMs = double.IsNaN(firstPiece) ? totalMs : firstPiece,
                    ClientLastPieceMs = double.IsNaN(lastPiece) ? totalMs : lastPiece,
                };
                return run.Text == text.ToString() ? run : throw new InvalidOperationException("The streamed pieces do not add up to the done event's text.");
            }
            if (item.EventType == ErrorEvent)
                throw new InvalidOperationException($"The stream ended with an error event: {item.Data}");
            lastPiece = clock.Elapsed.TotalMilliseconds;
            if (double.IsNaN(firstPiece))
                firstPiece = lastPiece;
            using var piece = JsonDocument.Parse(item.Data);
            text.Append(piece.RootElement.GetProperty("text").GetString());
        }
        throw new InvalidOperationException("The stream ended without a done event.");
    }

    public static async Task<PortalRun> GenerateAsync(HttpClient api, object body, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await api.PostAsJsonAsync("api/generate", body, cancellationToken);
        await EnsureSuccessAsync(response, "/api/generate", cancellationToken);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return FromSummary(answer.RootElement, clock.Elapsed.TotalMilliseconds);
    }

    private static PortalRun FromSummary(JsonElement summary, double clientTotalMs) => new(
        double.NaN, double.NaN, double.NaN, clientTotalMs,
        summary.GetProperty("firstTokenMs").GetDouble(), summary.GetProperty("totalMs").GetDouble(),
        summary.GetProperty("generatedTokens").GetInt32(), summary.GetProperty("finishReason").ToString(),
        summary.GetProperty("text").GetString() ?? "");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
