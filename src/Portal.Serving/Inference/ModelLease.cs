namespace Portal.Serving.Inference;

/// <summary>A request's hold on the model it started on; disposing lets go (once, however often it is called).</summary>
internal sealed class ModelLease(ServedModel model) : IDisposable
{
    private int _released;

    public ServedModel Model => model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            model.Release();
    }
}
