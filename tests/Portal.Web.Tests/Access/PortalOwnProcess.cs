using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Access;

/// <summary>One portal as its own OS process (real Kestrel, real WebSocket upgrades) for a test class, stopped after it.</summary>
public sealed class PortalOwnProcess : IAsyncLifetime
{
    private readonly TempDirectory data = new();
    private PortalProcess? process;

    public PortalProcess Process => process ?? throw new InvalidOperationException("The portal has not started.");

    public async Task InitializeAsync() => process = await PortalProcess.StartAsync(data.Path);

    public async Task DisposeAsync()
    {
        if (process is not null)
            await process.DisposeAsync();
        data.Dispose();
    }
}
