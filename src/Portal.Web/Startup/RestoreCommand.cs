using Portal.Data.Backup;
using Portal.Web.Options;

namespace Portal.Web.Startup;

/// <summary>
/// `dotnet run --project src/Portal.Web -- restore &lt;backup-file&gt; [--Portal:DataDirectory DIR]`, run while the
/// portal is stopped. Reads the data directory from the same settings the portal does (appsettings.json,
/// environment, command line), so it restores into the database that portal uses.
/// </summary>
internal static class RestoreCommand
{
    private const string Usage = "Usage: restore <backup-file> [--Portal:DataDirectory <dir>]   (run while the portal is stopped)";

    /// <summary>Runs the command when the arguments ask for it; false when they do not (start the portal).</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args is not ["restore", ..])
            return false;
        Environment.ExitCode = await RunAsync(args[1..], Console.Out, Console.Error);
        return true;
    }

    /// <summary>0 restored, 1 refused (nothing changed), 2 bad usage.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var backup, ..] || backup.StartsWith('-'))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var settings = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args[1..] }).Configuration;
        var portal = settings.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        try
        {
            var outcome = await DatabaseRestorer.RestoreAsync(backup, portal.DatabasePath, DateTimeOffset.UtcNow);
            await output.WriteLineAsync($"Restored {Path.GetFullPath(backup)} into {outcome.DatabasePath}.");
            if (outcome.KeptAsidePath is { } aside)
                await output.WriteLineAsync($"The database it replaced is kept as {aside}; delete it once the restored portal looks right.");
            await output.WriteLineAsync("Start the portal: it brings a restored database from an older version up to date by itself.");
            return 0;
        }
        catch (RestoreRefusedException refused)
        {
            await error.WriteLineAsync($"Restore refused: {refused.Message}");
            return 1;
        }
    }
}
