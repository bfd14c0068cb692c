using Microsoft.Extensions.Options;
using Portal.Core.Training;
using Portal.Ml.Model;
using Portal.Web.Options;

namespace Portal.Web.Services.Training;

/// <summary>
/// Where training files live in the data directory: runs/job-N (checkpoints), models/job-N (candidates) and
/// base-models/NAME (checkpoints the admin put there). Every path handed out stays inside its folder.
/// </summary>
public sealed class TrainingFolders(IOptions<PortalOptions> portal)
{
    public const string BaseModelsFolder = "base-models";

    public string DataDirectory => Path.GetFullPath(portal.Value.DataDirectory);

    public string BaseModelsDirectory => Path.Combine(DataDirectory, BaseModelsFolder);

    public string RunDirectory(long jobId) => Path.Combine(DataDirectory, "runs", JobFolder(jobId));

    public string CandidateDirectory(long jobId) => Path.Combine(DataDirectory, CandidatePath(jobId));

    /// <summary>What a succeeded job stores: relative, so that the data directory can move.</summary>
    public static string CandidatePath(long jobId) => $"models/{JobFolder(jobId)}";

    /// <summary>A job's stored candidate path as a full path, or null when it is missing or points outside the data directory.</summary>
    public string? ResolveCandidate(TrainingJob? job)
    {
        if (job?.CandidatePath is not { Length: > 0 } relative || Path.IsPathRooted(relative))
            return null;
        var full = Path.GetFullPath(Path.Combine(DataDirectory, relative));
        return ContainedPath.IsInside(DataDirectory, full) ? full : null;
    }

    /// <summary>The job's candidate when it is a complete model folder (config.json and weights).</summary>
    public string? CompleteCandidate(TrainingJob? job) =>
        ResolveCandidate(job) is { } folder && HfCheckpoint.IsModelFolder(folder) ? folder : null;

    /// <summary>
    /// base-models/NAME when NAME is a plain folder name and the folder, following any links, is a complete model
    /// inside base-models; null otherwise, so that a name can never reach other files on the machine.
    /// </summary>
    public string? BaseModelDirectory(string? name)
    {
        if (!TrainingSettings.IsSafeFolderName(name))
            return null;
        var folder = Path.GetFullPath(Path.Combine(BaseModelsDirectory, name!));
        if (!ContainedPath.IsInside(BaseModelsDirectory, folder) || !ContainedPath.StaysInside(BaseModelsDirectory, folder))
            return null;
        return HfCheckpoint.IsModelFolder(folder) && ModelFilesStayInside(folder) ? folder : null;
    }

    /// <summary>Names of the complete model folders under base-models, sorted.</summary>
    public IReadOnlyList<string> BaseModels()
    {
        if (!Directory.Exists(BaseModelsDirectory))
            return [];
        return Directory.EnumerateDirectories(BaseModelsDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => BaseModelDirectory(name) is not null)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private bool ModelFilesStayInside(string folder) =>
        Directory.EnumerateFiles(folder).All(file => ContainedPath.StaysInside(BaseModelsDirectory, file));

    private static string JobFolder(long jobId) => $"job-{jobId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
