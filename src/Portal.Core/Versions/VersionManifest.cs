using Portal.Core.Training;

namespace Portal.Core.Versions;

/// <summary>
/// manifest.json at the root of a deploy commit: what the model is, where it came from, and the sha256 and size of
/// every file under model/, so that anything loading it (the serving app, a download) can prove it is intact.
/// </summary>
public sealed record VersionManifest
{
    public const string FileName = "manifest.json";
    public const string ModelFolder = "model";

    public int Format { get; init; } = 1;
    public int Version { get; init; }
    public string Tag => VersionTag.Of(Version);
    public DateTimeOffset Created { get; init; }
    public required string PromotedBy { get; init; }
    public long JobId { get; init; }
    public int? RollbackOf { get; init; }
    public string Note { get; init; } = "";
    public required string DatasetHash { get; init; }
    public int VerseCount { get; init; }
    public required TrainingSettings Settings { get; init; }
    public JobMetrics? Metrics { get; init; }
    public IReadOnlyList<ChecklistItem> Checklist { get; init; } = [];

    /// <summary>Every file of the model, paths relative to the repository root with '/' separators (model/config.json), sorted.</summary>
    public IReadOnlyList<ManifestFile> Files { get; init; } = [];
}

/// <summary>One model file: its path from the repository root, its lowercase hex sha256 and its size in bytes.</summary>
public sealed record ManifestFile(string Path, string Sha256, long Size);
