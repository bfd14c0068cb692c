using Portal.Ml.Generation;

namespace Portal.Web.Services.Playground;

/// <summary>A generation's hold on a loaded model: the model is not freed while the lease is held. Disposing lets go (once).</summary>
public sealed class LoadedModelLease : IDisposable
{
    private readonly LoadedModel model;
    private readonly Action<LoadedModel> release;
    private int released;

    internal LoadedModelLease(LoadedModel model, Action<LoadedModel> release)
    {
        this.model = model;
        this.release = release;
    }

    public string Folder => model.Folder;

    /// <summary>The model's inference thread; generations queue on it in order.</summary>
    public InferenceWorker Worker => model.Worker;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
            release(model);
    }
}
