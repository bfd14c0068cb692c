namespace Portal.Serving.Api;

/// <summary>The service's answers when it cannot generate, as problem details.</summary>
internal static class ServingProblems
{
    public static IResult NoModel(ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var error = status.Snapshot().LastError;
        return TypedResults.Problem(
            title: "No model is loaded.",
            detail: error is null ? "The service is still loading its model; try again shortly." : $"No model could be loaded. {error}",
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
