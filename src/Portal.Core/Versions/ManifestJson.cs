using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Versions;

/// <summary>Reads and writes manifest.json: indented camelCase JSON with enums as names, stable across runs.</summary>
public static class ManifestJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(VersionManifest manifest) => JsonSerializer.Serialize(manifest, Options) + "\n";

    /// <exception cref="FormatException">The text is not a manifest; the message says why.</exception>
    public static VersionManifest Parse(string json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<VersionManifest>(json, Options)
                ?? throw new FormatException("manifest.json is empty.");
            if (manifest.Version < 1 || manifest.Files.Count == 0)
                throw new FormatException("manifest.json names no version or no files.");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new FormatException($"manifest.json is not valid: {e.Message}", e);
        }
    }

    /// <exception cref="FormatException">Missing or not a manifest.</exception>
    public static VersionManifest Read(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, VersionManifest.FileName);
        if (!File.Exists(path))
            throw new FormatException($"{VersionManifest.FileName} is missing.");
        return Parse(File.ReadAllText(path));
    }
}
