using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.BadInput.Paths;

/// <summary>A portal without its own worker (jobs stay queued for the test's worker) on the data directory of an <see cref="OutsideWorld"/>.</summary>
internal static class PathPortal
{
    public static PortalFactory On(OutsideWorld world, IReadOnlyDictionary<string, string>? settings = null) =>
        new() { Setup = TrainingPortal.Setup(inProcessWorker: false, settings) with { DataDirectory = world.DataDirectory } };

    public static string BaseModels(this OutsideWorld world) => Path.Combine(world.DataDirectory, "base-models");
}
