using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Serving.Inference;
using Portal.Serving.Options;

namespace Portal.Serving.Deploy;

/// <summary>--model mode: verifies and loads the one checkout at start; a checkout that fails is reported, never served.</summary>
internal sealed class FolderServingService(
    FolderSource source, ModelActivator activator, ModelSlot slot, ServingStatus status, ILogger<FolderServingService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var commit = await Task.Run(() => GitHead.Of(source.Folder), stoppingToken);
            var model = await activator.ActivateAsync(source.Folder, commit, ownsCheckout: false, stoppingToken);
            slot.Swap(model);
            logger.LogInformation("Now serving {Version} from {Folder}", model.Version, source.Folder);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Refused or unreadable: either way the service stays up to say why on /healthz and /version.
            var error = $"{source.Folder} cannot be served: {e.Message}";
            status.Failed(error);
            logger.LogError("{Error}", error);
        }
    }
}
