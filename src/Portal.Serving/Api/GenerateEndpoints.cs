using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Portal.Ml.Generation;
using Portal.Ml.Generation.Requests;
using Portal.Serving.Inference;

namespace Portal.Serving.Api;

/// <summary>POST /generate: the whole text as JSON, or with ?stream=true as server-sent events while it is written.</summary>
internal static class GenerateEndpoints
{
    public const string DoneEvent = "done";

    public static IEndpointRouteBuilder MapGenerateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/generate", GenerateAsync);
        return app;
    }

    private static async Task<IResult> GenerateAsync(
        GenerateRequest? request, ModelSlot slot, ServingStatus status, IOptions<GenerateLimits> limits, CancellationToken cancellationToken,
        bool stream = false)
    {
        var problems = GenerateRequestValidator.Problems(request, limits.Value);
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems, detail: string.Join(" ", problems.Values.SelectMany(messages => messages)),
                title: "The generation request is not valid.");
        var prompt = request!.Prompt!;
        var options = GenerateRequestValidator.ToOptions(request, limits.Value);

        // Taken before anything runs: the request finishes on this model even if a new version is swapped in meanwhile.
        if (slot.TryLease() is not { } lease)
            return ServingProblems.NoModel(status);
        if (stream)
            return new LeasedResult(lease, TypedResults.ServerSentEvents(Events(lease.Model, prompt, options, cancellationToken)));
        using (lease)
        {
            var summary = await lease.Model.Runner.GenerateAsync(prompt, options, cancellationToken);
            return TypedResults.Ok(GenerateResponse.From(summary, lease.Model.Version));
        }
    }

    /// <summary>A "data" event per piece of text, then a "done" event with the summary. A client that goes away cancels the generation.</summary>
    private static async IAsyncEnumerable<SseItem<object>> Events(
        ServedModel model, string prompt, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in model.Runner.StreamAsync(prompt, options, cancellationToken))
        {
            yield return update.Summary is { } summary
                ? new SseItem<object>(GenerateResponse.From(summary, model.Version), DoneEvent)
                : new SseItem<object>(new StreamedText(update.Piece));
        }
    }
}
