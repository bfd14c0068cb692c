using Portal.Core.Training;
using Portal.Core.Versions;

namespace Portal.Serving.Tests.Support;

/// <summary>Writes what a promotion puts in the deploy repository: model/, manifest.json with every file's sha256, the notes.</summary>
internal static class DeployCheckout
{
    public const string WeightsPath = "model/model.safetensors";

    public static void Write(string root, int version, string modelFolder)
    {
        var model = Path.Combine(root, VersionManifest.ModelFolder);
        if (Directory.Exists(model))
            Directory.Delete(model, recursive: true);
        Directory.CreateDirectory(model);
        foreach (var file in Directory.EnumerateFiles(modelFolder))
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));

        var manifest = new VersionManifest
        {
            Version = version,
            Created = DateTimeOffset.UtcNow,
            PromotedBy = "tests",
            JobId = version,
            DatasetHash = "sha256:tests",
            VerseCount = 3,
            Settings = TrainingSettings.ForPreset(RetrainPreset.Scratch, "tiny"),
            Files = ManifestFiles.Describe(model),
        };
        File.WriteAllText(Path.Combine(root, VersionManifest.FileName), ManifestJson.Serialize(manifest));
        File.WriteAllText(Path.Combine(root, "MODEL_CARD.md"), $"# Model v{version}\n\nA tiny test model.\n");
        File.WriteAllText(Path.Combine(root, "VERSION_LOG.md"), $"# Versions\n\n- v{version}: tests\n");
    }

    /// <summary>One flipped bit in the weights' tensor data: the file still loads, but its sha256 no longer matches the manifest.</summary>
    public static void FlipWeightByte(string root)
    {
        var path = Path.Combine(root, WeightsPath);
        var bytes = File.ReadAllBytes(path);
        bytes[^10] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }
}
