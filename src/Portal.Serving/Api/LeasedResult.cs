using Portal.Serving.Inference;

namespace Portal.Serving.Api;

/// <summary>Writes a response while holding a lease, so that a streamed generation keeps its model until the last event.</summary>
internal sealed class LeasedResult(ModelLease lease, IResult inner) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (lease)
            await inner.ExecuteAsync(httpContext);
    }
}
