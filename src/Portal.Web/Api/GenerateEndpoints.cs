using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Portal.Core.Playground;
using Portal.Web.Auth;
using Portal.Web.Services.Playground;

namespace Portal.Web.Api;

/// <summary>
/// POST /api/generate (the whole text as JSON) and /api/generate/stream (server-sent events while it is written):
/// the playground for scripts, with the same limits, rate limit and one-run-per-writer rule as the page, and runs
/// recorded in the same history.
/// </summary>
internal static class GenerateEndpoints
{
    public const string DoneEvent = "done";
    public const string ErrorEvent = "error";

    public static RouteGroupBuilder MapGenerateEndpoints(this RouteGroupBuilder api)
    {
        var generate = api.MapGroup("/generate").RequireAuthorization();
        generate.MapPost("/", GenerateAsync);
        generate.MapPost("/stream", StreamAsync);
        return api;
    }

    private static async Task<IResult> GenerateAsync(
        HttpRequest http, IOptions<JsonOptions> json, ClaimsPrincipal user, PlaygroundService playground, HttpResponse response, CancellationToken cancellationToken)
    {
        var (request, unreadable) = await ReadRequestAsync(http, json.Value.SerializerOptions, cancellationToken);
        if (unreadable is not null)
            return unreadable;
        var (choice, problem) = await ChooseAsync(request, playground, cancellationToken);
        if (problem is not null)
            return problem;
        try
        {
            var run = await playground.RunAsync(user.RequireActor(), new PlaygroundRunRequest(request!, [choice]), null, cancellationToken);
            var output = run.Outputs[0];
            return output.Error is { } error
                ? Results.Problem(title: "The model could not generate", detail: error, statusCode: StatusCodes.Status500InternalServerError)
                : Results.Ok(GenerateApiResponse.From(run, output));
        }
        catch (PlaygroundRefusedException refused)
        {
            return Refusal(refused, response);
        }
    }

    private static async Task<IResult> StreamAsync(
        HttpRequest http, IOptions<JsonOptions> json, ClaimsPrincipal user, PlaygroundService playground, HttpResponse response, CancellationToken cancellationToken)
    {
        var (request, unreadable) = await ReadRequestAsync(http, json.Value.SerializerOptions, cancellationToken);
        if (unreadable is not null)
            return unreadable;
        var (choice, problem) = await ChooseAsync(request, playground, cancellationToken);
        if (problem is not null)
            return problem;
        var pieces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        PlaygroundRun run;
        try
        {
            // Started before the stream answers, so that a refusal is a status code rather than an event. The request's
            // token is the run's: a client that goes away stops the generation and frees the writer's slot.
            run = await playground.StartAsync(user.RequireActor(), new PlaygroundRunRequest(request!, [choice]),
                (_, piece) => pieces.Writer.TryWrite(piece), cancellationToken);
        }
        catch (PlaygroundRefusedException refused)
        {
            return Refusal(refused, response);
        }
        // Every piece is written before the run completes, so the channel ends after the last one.
        _ = run.Completion.ContinueWith(_ => pieces.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return TypedResults.ServerSentEvents(Events(response, run, pieces.Reader, cancellationToken));
    }

    /// <summary>A "data" event per piece of text (or per run of pieces written meanwhile), then "done" with the whole result, or "error" when the model failed.</summary>
    private static async IAsyncEnumerable<SseItem<object>> Events(
        HttpResponse response, PlaygroundRun run, ChannelReader<string> pieces, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The headers go out at once: the client knows the run was accepted even while it waits its turn on the model.
        await response.Body.FlushAsync(cancellationToken);
        var batch = new StringBuilder();
        while (await pieces.WaitToReadAsync(cancellationToken))
        {
            // Pieces that piled up while the last event was written go out as one: on a busy machine, an event per
            // token costs the generation (same cores) more than the client gains from seeing each token apart.
            batch.Clear();
            while (pieces.TryRead(out var piece))
                batch.Append(piece);
            if (batch.Length > 0)
                yield return new SseItem<object>(new GenerateStreamText(batch.ToString()));
        }
        yield return await LastEventAsync(run);
    }

    private static async Task<SseItem<object>> LastEventAsync(PlaygroundRun run)
    {
        try
        {
            var result = await run.Completion;
            var output = result.Outputs[0];
            return output.Error is { } error
                ? new SseItem<object>(new GenerateStreamError(error), ErrorEvent)
                : new SseItem<object>(GenerateApiResponse.From(result, output), DoneEvent);
        }
        catch (Exception)
        {
            // The runner logged the cause; the client only needs to know the run did not finish.
            return new SseItem<object>(new GenerateStreamError("The generation could not be finished; the portal's log says why."), ErrorEvent);
        }
    }

    /// <summary>
    /// The body, read here rather than bound by the framework, so that a value of the wrong type (a bare NaN, "abc" for
    /// a number, 10^20 for a count) is a 400 that names the field, like a value out of bounds.
    /// </summary>
    private static async Task<(GenerateApiRequest? Request, IResult? Problem)> ReadRequestAsync(
        HttpRequest http, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        if (!http.HasJsonContentType())
            return (null, Results.Problem(title: "Unsupported media type", detail: "Send the request as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        try
        {
            var request = await http.ReadFromJsonAsync<GenerateApiRequest>(options, cancellationToken);
            return (request, null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            return (null, Invalid(field, ExpectedType.TryGetValue(field, out var expected)
                ? $"{field} must be {expected}."
                : $"Send a JSON object such as {{\"prompt\": \"rain on the roof\", \"version\": 3}}; this body is not one ({e.Message.Split(" Path:")[0]})"));
        }
    }

    private static readonly Dictionary<string, string> ExpectedType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["prompt"] = "text",
        ["model"] = "text, such as \"v3\" or \"job-12\"",
        ["stop"] = "a list of text",
        ["maxNewTokens"] = "a whole number",
        ["topK"] = "a whole number",
        ["seed"] = "a whole number (64 bits)",
        ["version"] = "a whole number",
        ["candidate"] = "a whole number",
        ["temperature"] = "a number, such as 0.8",
        ["topP"] = "a number, such as 0.8",
        ["repetitionPenalty"] = "a number, such as 0.8",
    };

    /// <summary>The request field a JSON path such as "$.stop[2]" points into, as the API names it, or "body".</summary>
    private static string FieldOf(string? path)
    {
        var name = path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..].Split('.', '[')[0] : "";
        return ExpectedType.Keys.FirstOrDefault(field => string.Equals(field, name, StringComparison.OrdinalIgnoreCase)) ?? "body";
    }

    /// <summary>The model the request names, or the live version when it names none; a problem when it names several or none exists.</summary>
    private static async Task<(ModelChoice Choice, IResult? Problem)> ChooseAsync(GenerateApiRequest? request, PlaygroundService playground, CancellationToken cancellationToken)
    {
        if (request is null)
            return (default, Invalid("body", "Send a JSON body such as {\"prompt\": \"rain on the roof\", \"version\": 3}."));
        var named = (request.Version is null ? 0 : 1) + (request.Candidate is null ? 0 : 1) + (request.Model is null ? 0 : 1);
        if (named > 1)
            return (default, Invalid("model", "Name one model: version, candidate or model, not several."));
        if (request.Version is { } version)
            return version > 0 ? (ModelChoice.ForVersion(version), null) : (default, Invalid("version", "version must be a version number, 1 or more."));
        if (request.Candidate is { } candidate)
            return candidate > 0 ? (ModelChoice.ForCandidate(candidate), null) : (default, Invalid("candidate", "candidate must be a training job id, 1 or more."));
        if (request.Model is { } model)
            return ModelChoice.TryParse(model, out var parsed)
                ? (parsed, null)
                : (default, Invalid("model", $"model must name a version as \"v3\" or a candidate as \"job-12\", not \"{model}\"."));
        return await playground.LiveModelAsync(cancellationToken) is { } live
            ? (live.Choice, null)
            : (default, Invalid("model", "No version has been promoted yet, so there is no live model: name a candidate, e.g. {\"candidate\": 12}, or promote one first."));
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "The generation request is not valid.");

    private static void SetRetryAfter(PlaygroundRefusedException refused, HttpResponse response)
    {
        var seconds = (int)Math.Ceiling((refused.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds);
        response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
    }

    private static IResult Refusal(PlaygroundRefusedException refused, HttpResponse response)
    {
        switch (refused.Reason)
        {
            case PlaygroundRefusal.Invalid:
                return TypedResults.ValidationProblem(refused.Problems.ToDictionary(), detail: refused.Message, title: "The generation request is not valid.");
            case PlaygroundRefusal.UnknownModel:
                return Results.Problem(title: "Unknown model", detail: refused.Message, statusCode: StatusCodes.Status404NotFound);
            case PlaygroundRefusal.Busy:
                return Results.Problem(title: "A generation is already running", detail: refused.Message, statusCode: StatusCodes.Status409Conflict);
            case PlaygroundRefusal.RateLimited:
                SetRetryAfter(refused, response);
                return Results.Problem(title: "Too many generations", detail: refused.Message, statusCode: StatusCodes.Status429TooManyRequests);
            case PlaygroundRefusal.AtCapacity:
                // The server's state, not this writer's use: 503, as for any overloaded service, with when to come back.
                SetRetryAfter(refused, response);
                return Results.Problem(title: "The playground is busy", detail: refused.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            default:
                // The model is bigger than the portal may ever load: the server's setting, not the request, has to change.
                return Results.Problem(title: "The model does not fit in memory", detail: refused.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
