namespace Portal.Web.Options;

/// <summary>Settings under "Portal" (appsettings.json, env vars Portal__..., command line --Portal:...).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Holds portal.db and, later, runs, models and the deploy clone. Relative paths are from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Adds a handful of sample verses to an empty library when the first admin is created.</summary>
    public bool SeedSampleVerses { get; set; } = true;

    /// <summary>
    /// The address people open the portal at (https://portal.example.org); the hubs accept browsers from this origin
    /// only. Empty: each request's own scheme and host.
    /// </summary>
    public string? PublicOrigin { get; set; }

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "portal.db");
}
