using Microsoft.Extensions.Logging;
using Portal.Core.Versions;
using Portal.Ml.Generation;
using Portal.Ml.Model;

namespace Portal.Serving.Inference;

/// <summary>
/// Turns a checkout of the deploy repository into a running model, in order: read manifest.json, verify every file
/// against it (before anything is loaded), load the model on its own thread, write one token to prove it runs.
/// </summary>
internal sealed class ModelActivator(IModelLoader loader, TimeProvider time, ILoggerFactory loggers)
{
    private static readonly GenerationOptions WarmUp = GenerationOptions.Greedy with { MaxNewTokens = 1, Seed = 0 };

    /// <param name="ownsCheckout">Delete the checkout when the model stops (pull mode's own copies, never a user's folder).</param>
    /// <exception cref="VersionRejectedException">The checkout cannot be served; nothing is left running.</exception>
    public async Task<ServedModel> ActivateAsync(string checkout, string? commit, bool ownsCheckout, CancellationToken cancellationToken)
    {
        var manifest = await Task.Run(() => Verify(checkout), cancellationToken);
        var modelFolder = Path.Combine(checkout, VersionManifest.ModelFolder);
        var runner = new ModelRunner(() => loader.Load(modelFolder));
        try
        {
            await runner.GenerateAsync("", WarmUp, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (Exception e)
        {
            await runner.DisposeAsync();
            if (e is OperationCanceledException)
                throw;
            throw new VersionRejectedException($"v{manifest.Version} does not load: {e.Message}", e);
        }
        return new ServedModel(new ServedVersion(manifest.Version, commit, time.GetUtcNow()), runner, ownsCheckout ? checkout : null, loggers.CreateLogger<ServedModel>());
    }

    private static VersionManifest Verify(string checkout)
    {
        if (!Directory.Exists(checkout))
            throw new VersionRejectedException($"the folder {checkout} does not exist.");
        VersionManifest manifest;
        try
        {
            manifest = ManifestJson.Read(checkout);
        }
        catch (FormatException e)
        {
            throw new VersionRejectedException(HfCheckpoint.IsModelFolder(checkout)
                ? $"{e.Message} The folder is a bare model folder; serve a checkout of the deploy repository, which holds {VersionManifest.FileName} and {VersionManifest.ModelFolder}/."
                : e.Message, e);
        }

        var problems = ManifestFiles.Verify(checkout, manifest);
        if (problems.Count > 0)
            throw new VersionRejectedException($"v{manifest.Version} failed verification: {string.Join("; ", problems)}");
        return manifest;
    }
}
