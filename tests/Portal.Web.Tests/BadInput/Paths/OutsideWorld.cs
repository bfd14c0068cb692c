using System.Security.Cryptography;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BadInput.Paths;

/// <summary>
/// A folder holding the portal's data directory and, beside it, files the portal must never read or write: a canary
/// file with a unique secret and a complete-looking model folder. <see cref="Snapshot"/> records every file outside
/// the data directory with its content hash, so a test can show that nothing out there was created or changed.
/// </summary>
internal sealed class OutsideWorld : IDisposable
{
    private readonly TempDirectory root = new();

    public OutsideWorld()
    {
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Canary, Secret);
        Training.FakeModel.Create(OutsideModel);
        File.WriteAllText(Path.Combine(OutsideModel, "config.json"), $"{{\"canary\": \"{Secret}\"}}");
    }

    /// <summary>What the canary file says; no answer of the portal may contain it.</summary>
    public string Secret { get; } = $"CANARY-{Guid.NewGuid():N}";

    public string DataDirectory => Path.Combine(root.Path, "data");

    public string Outside => Path.Combine(root.Path, "outside");

    public string Canary => Path.Combine(Outside, "canary.txt");

    public string OutsideModel => Path.Combine(Outside, "model");

    /// <summary>Every file and folder outside the data directory, with the SHA-256 of each file's content.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(root.Path, "*", SearchOption.AllDirectories)
            .Where(path => path != DataDirectory && !path.StartsWith(DataDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(path => path, path => File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "folder");

    public void Dispose() => root.Dispose();
}
