using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace LoadBench.Burst;

/// <summary>How the portal answered one POST /api/generate, and how long the client waited for it.</summary>
/// <param name="ServerMilliseconds">The portal's own figure for a 200: the model's generation, waits behind other runs on it included.</param>
internal sealed record GenerateAnswer(HttpStatusCode Status, double Milliseconds, bool HasRetryAfter, string? Problem, double? ServerMilliseconds = null);

/// <summary>One generation through the API as a script calls it: the same prompt, settings and seed every time, so that every admitted run does the same work.</summary>
internal static class GenerateCall
{
    public const string Prompt = "Reflective verse about a city that hums all night while I write";
    public const int MaxNewTokens = 48;
    private const long Seed = 7;

    public static async Task<GenerateAnswer> SendAsync(HttpClient api, long candidateJobId, CancellationToken cancellationToken)
    {
        var body = new { prompt = Prompt, candidate = candidateJobId, maxNewTokens = MaxNewTokens, seed = Seed };
        var clock = Stopwatch.StartNew();
        using var response = await api.PostAsJsonAsync("api/generate", body, cancellationToken);
        // The whole answer is read before the clock stops: the text is what the writer waits for.
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
            return new GenerateAnswer(response.StatusCode, milliseconds, response.Headers.RetryAfter is not null, text[..Math.Min(text.Length, 300)]);
        using var json = System.Text.Json.JsonDocument.Parse(text);
        return new GenerateAnswer(response.StatusCode, milliseconds, false, null, json.RootElement.GetProperty("totalMs").GetDouble());
    }
}
