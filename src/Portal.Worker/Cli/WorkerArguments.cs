namespace Portal.Worker.Cli;

/// <summary>The standalone worker's command line. The token comes from PORTAL_WORKER_TOKEN or --token.</summary>
public sealed record WorkerArguments(Uri Portal, string Token, string? WorkDirectory, string? WorkerId)
{
    public const string TokenVariable = "PORTAL_WORKER_TOKEN";

    public const string Usage = """
        Usage: Portal.Worker --portal URL [--token TOKEN] [--work DIR] [--name WORKER_ID]
          --portal URL      the portal's address, e.g. https://portal.example.com
          --token TOKEN     the worker token from the portal's admin page; better set PORTAL_WORKER_TOKEN
                            instead, since a command line is visible to every user of the machine (ps)
          --work DIR        where job files are kept (default ./worker-data)
          --name WORKER_ID  how the portal shows this worker (default <machine name>-<process id>)
        """;

    /// <summary>A --token given on the command line wins over the environment, as options usually do.</summary>
    /// <exception cref="WorkerUsageException">An argument is missing, unknown or invalid.</exception>
    public static WorkerArguments Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--portal" or "--token" or "--work" or "--name"))
                throw new WorkerUsageException($"Unknown argument \"{name}\".");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new WorkerUsageException($"{name} needs a value.");
            if (!values.TryAdd(name, args[++i]))
                throw new WorkerUsageException($"{name} is given twice.");
        }

        if (!values.TryGetValue("--portal", out var portalText))
            throw new WorkerUsageException("--portal is required.");
        if (!Uri.TryCreate(portalText, UriKind.Absolute, out var portal) || portal.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(portal.Query) || !string.IsNullOrEmpty(portal.Fragment))
            throw new WorkerUsageException($"--portal must be an http or https address such as https://portal.example.com; got \"{portalText}\".");

        var token = values.GetValueOrDefault("--token") ?? environment(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
            throw new WorkerUsageException($"No worker token: set {TokenVariable} (or pass --token).");
        var name2 = values.GetValueOrDefault("--name");
        if (name2 is not null && string.IsNullOrWhiteSpace(name2))
            throw new WorkerUsageException("--name cannot be empty.");
        return new WorkerArguments(portal, token.Trim(), values.GetValueOrDefault("--work"), name2);
    }

    /// <summary>Never the token: records print every member.</summary>
    public override string ToString() => $"portal {Portal}, work {WorkDirectory ?? "(default)"}, name {WorkerId ?? "(default)"}";
}
