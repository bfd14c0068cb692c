using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>What playground tests reach in their portal: its services, and writers as the API and the services see them.</summary>
internal static class PlaygroundPortals
{
    /// <summary>Guards the waits below against a broken portal: reaching it is a failure, not a measure of speed.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static T Service<T>(this VersionPortal portal) where T : notnull => portal.Portal.Services.GetRequiredService<T>();

    public static PlaygroundService Playground(this VersionPortal portal) => portal.Service<PlaygroundService>();

    public static Actor Actor(this Writer writer) => new(writer.Id, writer.UserName, IsAdmin: false);

    /// <summary>The candidate folder of a job in this portal's data directory.</summary>
    public static string CandidateFolder(this VersionPortal portal, Portal.Core.Training.TrainingJob job) =>
        Path.Combine(portal.DataDirectory, job.CandidatePath!);

    /// <summary>Waits until the condition holds, looking again after each short pause.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (!await condition())
        {
            if (limit.IsCancellationRequested)
                Assert.Fail($"Still waiting for {what} after {Limit.TotalSeconds:0} seconds.");
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
