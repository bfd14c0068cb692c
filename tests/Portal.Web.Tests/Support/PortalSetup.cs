namespace Portal.Web.Tests.Support;

/// <summary>How a test's portal starts.</summary>
public sealed record PortalSetup
{
    /// <summary>Whether PORTAL_ADMIN_USER/PASSWORD/API_TOKEN are set; without them the portal waits for /setup.</summary>
    public bool WithAdmin { get; init; } = true;

    public bool SeedSampleVerses { get; init; }

    /// <summary>Further configuration, e.g. a small Portal:Import:MaxBytes.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>An existing data directory to start on, kept when the portal is disposed (a restart test starts a second
    /// portal on the first one's data); null gives the portal a fresh folder of its own.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Replaces services after the portal's own registrations, e.g. to wrap the in-portal worker's channel.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services { get; init; }
}
