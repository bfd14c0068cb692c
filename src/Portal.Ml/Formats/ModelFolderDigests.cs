using System.Text;
using Portal.Core.Versions;

namespace Portal.Ml.Formats;

/// <summary>
/// The SHA-256 of every file of a model folder, recorded when the model is written and checked before it is used.
/// Kept beside the folder as &lt;folder&gt;.sha256 (models/job-3 -> models/job-3.sha256) in sha256sum's format, so
/// that `cd models/job-3 &amp;&amp; sha256sum -c ../job-3.sha256` checks it by hand too. Outside the folder on purpose:
/// the folder is copied whole into deploy commits and downloads, where a list of its own digests would be noise.
/// </summary>
public static class ModelFolderDigests
{
    public const string Extension = ".sha256";

    public static string PathFor(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Extension;

    /// <summary>Hashes the folder's files (not its subfolders) and records them, replacing any earlier record.</summary>
    public static void Record(string folder)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.Contains('\n', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
                throw new ArgumentException($"\"{name}\" in {folder} cannot be listed in a digest file.", nameof(folder));
            text.Append(ManifestFiles.Sha256Of(file)).Append("  ").Append(name).Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        AtomicFile.Write(PathFor(folder), stream => stream.Write(bytes));
    }

    /// <summary>The recorded digests by file name (lowercase hex), or null when nothing was recorded for the folder.</summary>
    /// <exception cref="InvalidDataException">The digest file is not in sha256sum's format.</exception>
    public static IReadOnlyDictionary<string, string>? Read(string folder)
    {
        var path = PathFor(folder);
        if (!File.Exists(path))
            return null;
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
                continue;
            // "<64 hex digits>  <name>"; sha256sum writes " *" instead of two spaces in binary mode.
            if (line.Length < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') || !IsHex(line.AsSpan(0, 64)))
                throw new InvalidDataException($"{Path.GetFileName(path)} line {number} is not \"<sha256>  <file name>\".");
            var name = line[66..];
            if (name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
                throw new InvalidDataException($"{Path.GetFileName(path)} line {number} names \"{name}\", which is not a file of the folder.");
            digests[name] = line[..64].ToLowerInvariant();
        }
        return digests;
    }

    /// <summary>
    /// What is wrong with the folder's files against the record, one line per file ("model.safetensors is damaged:
    /// ..."); empty when every recorded file is there and matches, or when nothing was recorded.
    /// </summary>
    public static IReadOnlyList<string> Verify(string folder) =>
        // Hashing here completes at once, so the task is already done.
        VerifyAsync(folder, (file, _) => Task.FromResult(ManifestFiles.Sha256Of(file.FullName)), CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>As <see cref="Verify"/>, with the caller's way of hashing a file (the portal remembers digests per file version).</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(
        string folder, Func<FileInfo, CancellationToken, Task<string>> sha256Of, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256Of);
        IReadOnlyDictionary<string, string>? recorded;
        try
        {
            recorded = Read(folder);
        }
        catch (InvalidDataException e)
        {
            return [$"its digest file cannot be read: {e.Message}"];
        }
        if (recorded is null)
            return [];

        var problems = new List<string>();
        foreach (var (name, sha256) in recorded.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var file = new FileInfo(Path.Combine(folder, name));
            var actual = file.Exists ? await sha256Of(file, cancellationToken) : null;
            if (Problem(file.FullName, sha256, actual) is { } problem)
                problems.Add(problem);
        }
        return problems;
    }

    /// <summary>The problem of one file given its recorded and actual digests (actual null: the file is missing); null when they match.</summary>
    private static string? Problem(string file, string recorded, string? actual)
    {
        var name = Path.GetFileName(file);
        if (actual is null)
            return $"{name} is missing";
        return string.Equals(actual, recorded, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{name} is damaged: its SHA-256 is {actual.ToLowerInvariant()}, but {recorded} was recorded when the model was written (bytes were changed or lost since)";
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        return true;
    }
}
