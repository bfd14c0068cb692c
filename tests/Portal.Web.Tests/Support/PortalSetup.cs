namespace Portal.Web.Tests.Support;

/// <summary>How a test's portal starts.</summary>
public sealed record PortalSetup
{
    /// <summary>Whether PORTAL_ADMIN_USER/PASSWORD/API_TOKEN are set; without them the portal waits for /setup.</summary>
    public bool WithAdmin { get; init; } = true;

    public bool SeedSampleVerses { get; init; }

    /// <summary>Further configuration, e.g. a small Portal:Import:MaxBytes.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
