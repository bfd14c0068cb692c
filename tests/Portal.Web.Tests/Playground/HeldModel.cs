using Portal.Core.Playground;
using Portal.Ml.Generation;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>
/// A generation of the test's own holding a model's inference thread until disposed, so that runs of that model stay
/// queued (and admitted) for as long as a test needs, however fast the model writes.
/// </summary>
internal sealed class HeldModel : IAsyncDisposable
{
    private readonly LoadedModelLease lease;
    private readonly ManualResetEventSlim release;
    private readonly Task holding;

    private HeldModel(LoadedModelLease lease, Task holding, ManualResetEventSlim release)
    {
        this.lease = lease;
        this.holding = holding;
        this.release = release;
    }

    /// <summary>Returns once the model's thread is inside the held generation.</summary>
    public static async Task<HeldModel> HoldAsync(VersionPortal portal, ModelChoice model)
    {
        var folder = await portal.Service<PlaygroundModelFolders>().ResolveAsync(model);
        var lease = await portal.Service<LoadedModelCache>().LeaseAsync(folder);
        var release = new ManualResetEventSlim();
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = lease.Worker.GenerateAsync(Corpus.Prompt(1), GenerationOptions.Greedy with { MaxNewTokens = 2 }, _ =>
        {
            inside.TrySetResult();
            release.Wait();
        });
        var held = new HeldModel(lease, holding, release);
        try
        {
            await inside.Task.WaitAsync(PlaygroundPortals.Limit);
            return held;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets the model's thread go on and waits for the held generation to end.</summary>
    public async ValueTask DisposeAsync()
    {
        release.Set();
        try
        {
            await holding;
        }
        finally
        {
            lease.Dispose();
            release.Dispose();
        }
    }
}
