using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.GitOps.Tests.Support;

/// <summary>
/// Candidate models for promotions. GitOps never reads the model files, so small files of the right names do:
/// a config.json and a model.safetensors of random bytes that differ from version to version.
/// </summary>
internal static class Candidates
{
    public static string LogEntry(int version) => $"## v{version}\n\nPromoted by Ada: verses about the sea.";

    public static PromotionChange Promotion(string parentDirectory, int version, int weightBytes = 4096, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var folder = Path.Combine(parentDirectory, $"candidate-v{version}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), $$"""{"model_type": "gpt2", "n_layer": 2, "portal_version": {{version}}}""");
        var weights = new byte[weightBytes];
        new Random(version).NextBytes(weights);
        File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), weights);
        foreach (var (path, text) in extraFiles ?? new Dictionary<string, string>())
        {
            var file = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        var manifest = new VersionManifest
        {
            Version = version,
            Created = new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero).AddDays(version),
            PromotedBy = "Ada",
            JobId = 100 + version,
            DatasetHash = $"sha256:{version:D64}",
            VerseCount = 12 + version,
            Settings = TrainingSettings.ForPreset(RetrainPreset.Scratch, "tiny"),
            Files = ManifestFiles.Describe(folder),
        };
        return new PromotionChange(version, "Ada", $"Promote v{version}: verses about the sea", folder, manifest,
            $"# Model card v{version}\n\nA tiny GPT-2 trained from scratch.\n", LogEntry(version));
    }

    public static RollbackChange Rollback(int version, int target) =>
        new(version, "Ada", $"Roll back to v{target}: v{version - 1} rhymes badly", target);
}
