using Portal.Core.Versions;
using Portal.Serving.Inference;

namespace Portal.Serving.Api;

/// <summary>GET /healthz for the host's health check, GET /version for people and the portal.</summary>
internal static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Health);
        app.MapGet("/version", Version);
        return app;
    }

    /// <summary>503 until a model is loaded, so that a host does not route traffic to a service that cannot answer.</summary>
    private static IResult Health(ModelSlot slot, ServingStatus status)
    {
        if (slot.Current is { } model)
            return TypedResults.Ok(new HealthResponse(HealthResponse.Ok, model.Version.Version));
        var error = status.Snapshot().LastError;
        var health = error is null ? new HealthResponse(HealthResponse.Loading) : new HealthResponse(HealthResponse.Failed, Error: error);
        return TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static ServingReport Version(ModelSlot slot, ServingStatus status)
    {
        var served = slot.Current?.Version;
        var (lastCheck, lastError) = status.Snapshot();
        return new ServingReport
        {
            Version = served?.Version,
            Commit = served?.Commit,
            LoadedAt = served?.LoadedAt,
            Branch = status.Branch,
            LastCheck = lastCheck,
            LastError = lastError,
        };
    }
}
