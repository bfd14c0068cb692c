namespace Portal.Serving.Options;

/// <summary>
/// Where the served model comes from, bound from the "Serving" section. The command line's --model, --repo, --branch,
/// --interval and --work are short forms of these keys (<see cref="ServingCommandLine"/>); environment variables use
/// the long form (<c>Serving__Repo</c>).
/// </summary>
public sealed class ServingOptions
{
    public const string Section = "Serving";

    /// <summary>A checkout of the deploy repository (manifest.json and model/), served as it is.</summary>
    public string? Model { get; set; }

    /// <summary>The deploy repository to follow: an https URL, a file:// URL or a local path.</summary>
    public string? Repo { get; set; }

    public string Branch { get; set; } = "main";

    /// <summary>How often the branch is fetched: "30s", "5m", or a number of seconds.</summary>
    public string Interval { get; set; } = "30s";

    /// <summary>Pull mode's own folder: its copy of the repository and one checkout per loaded commit.</summary>
    public string Work { get; set; } = "serving-data";
}
