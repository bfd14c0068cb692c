namespace Portal.E2E.Tests.Support;

/// <summary>
/// The portal (as <see cref="PortalServer"/>) with its deploy side live: promotions go to the local bare remote in
/// its data directory, and a real serving app pulls that remote every second. The portal polls the serving app's
/// GET /version every second, so that the Versions page shows what is live. Disposing stops both.
/// </summary>
public sealed class DeployedPortal : IAsyncLifetime
{
    public const string Branch = "main";

    private readonly PortalServer portal;
    private ServingProcess? serving;

    public DeployedPortal()
    {
        ServingAddress = new Uri($"http://127.0.0.1:{FreePort.Pick()}/");
        portal = new ConfiguredPortal(new Dictionary<string, string>
        {
            ["Portal:Deploy:Branch"] = Branch,
            ["Portal:Deploy:ServingEndpoints:0"] = ServingAddress.ToString().TrimEnd('/'),
            ["Portal:Deploy:ServingPollSeconds"] = "1",
            // Quick polls and heartbeats: the test waits on training, not on timers.
            ["Portal:Training:PollSeconds"] = "1",
            ["Portal:Training:HeartbeatSeconds"] = "1",
        });
    }

    public Uri BaseAddress => portal.BaseAddress;

    public Uri ServingAddress { get; }

    public ServingProcess Serving => serving ?? throw new InvalidOperationException("The serving app has not started.");

    /// <summary>The local bare remote the portal pushes to and the serving app pulls from.</summary>
    public string RemoteRepository => Path.Combine(portal.DataDirectory, "remote.git");

    public async Task InitializeAsync()
    {
        await portal.InitializeAsync();
        serving = await ServingProcess.StartAsync(RemoteRepository, Branch, ServingAddress);
    }

    public async Task DisposeAsync()
    {
        if (serving is not null)
            await serving.DisposeAsync();
        await portal.DisposeAsync();
    }

    private sealed class ConfiguredPortal(IReadOnlyDictionary<string, string> settings) : PortalServer(scriptedAdmin: true, settings);
}
