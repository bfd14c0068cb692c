namespace Portal.Serving.Options;

/// <summary>The service's command line: short switches for the keys of <see cref="ServingOptions"/>.</summary>
public static class ServingCommandLine
{
    public const string Usage = """
        Serve one checkout of the deploy repository:
            Portal.Serving --model <folder with manifest.json and model/>
        Follow a branch of the deploy repository and switch to each new version once it is verified:
            Portal.Serving --repo <url or path> [--branch main] [--interval 30s] [--work serving-data]
        A private repository's credentials come from the environment only: SERVING_GIT_USER, SERVING_GIT_TOKEN.
        Where to listen: --urls http://0.0.0.0:8080 (or ASPNETCORE_URLS).
        """;

    public static IDictionary<string, string> Switches { get; } = new Dictionary<string, string>
    {
        ["--model"] = $"{ServingOptions.Section}:{nameof(ServingOptions.Model)}",
        ["--repo"] = $"{ServingOptions.Section}:{nameof(ServingOptions.Repo)}",
        ["--branch"] = $"{ServingOptions.Section}:{nameof(ServingOptions.Branch)}",
        ["--interval"] = $"{ServingOptions.Section}:{nameof(ServingOptions.Interval)}",
        ["--work"] = $"{ServingOptions.Section}:{nameof(ServingOptions.Work)}",
    };
}
