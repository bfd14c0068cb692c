namespace Portal.Web.Startup;

/// <summary>
/// The portal's static assets live in the repository's top-level wwwroot/. A source checkout serves that folder
/// directly (edit and reload); a published build, and so the Docker image, carries a copy next to the binaries.
/// </summary>
internal static class WebRoot
{
    public static string? Locate()
    {
        foreach (var candidate in Candidates())
        {
            if (File.Exists(Path.Combine(candidate, "portal.css")))
                return Path.GetFullPath(candidate);
        }
        return null;
    }

    private static IEnumerable<string> Candidates()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
                yield return Path.Combine(directory.FullName, "wwwroot");
            directory = directory.Parent;
        }
        yield return Path.Combine(AppContext.BaseDirectory, "wwwroot");
        yield return Path.Combine(Directory.GetCurrentDirectory(), "wwwroot");
    }
}
