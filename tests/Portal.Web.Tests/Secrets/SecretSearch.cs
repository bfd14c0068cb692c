using System.Text;

namespace Portal.Web.Tests.Secrets;

/// <summary>
/// Everything a secret could leak into after a failed push (log lines, page HTML, API answers, files in the data
/// directory, the database's bytes), searched for every form of every secret. Each place is named, so that a failure
/// says where the secret was found.
/// </summary>
internal sealed class SecretSearch
{
    private readonly List<(string Place, byte[] Content)> places = [];

    public int Count => places.Count;

    public void AddText(string place, string text) => places.Add((place, Encoding.UTF8.GetBytes(text)));

    public void AddFile(string place, string path)
    {
        // Shared, so that files the running portal holds open (the database, its WAL) can be read as they are.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        places.Add((place, copy.ToArray()));
    }

    /// <summary>Every file under the folder, binary ones included (the SQLite file and its WAL, git objects are compressed but their config is not).</summary>
    public void AddFolder(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            // An empty file held exclusively (the portal's lock file) has nothing in it to search.
            if (new FileInfo(file).Length == 0)
                continue;
            AddFile(Path.GetRelativePath(root, file), file);
        }
    }

    /// <summary>Where each form of each secret was found: "name (form) in place".</summary>
    public IReadOnlyList<string> Find(IReadOnlyDictionary<string, string> secrets)
    {
        var found = new List<string>();
        foreach (var (name, secret) in secrets)
        {
            foreach (var (form, needle) in Forms(secret))
            {
                var bytes = Encoding.UTF8.GetBytes(needle);
                found.AddRange(places.Where(p => p.Content.AsSpan().IndexOf(bytes) >= 0)
                    .Select(p => $"{name} ({form}) in {p.Place}: {Around(p.Content, needle, name)}"));
            }
        }
        return found;
    }

    /// <summary>The line the secret was found in, with the secret itself replaced by its name, so that the report leaks nothing.</summary>
    private static string Around(byte[] content, string needle, string name)
    {
        var text = Encoding.UTF8.GetString(content);
        var at = text.IndexOf(needle, StringComparison.Ordinal);
        if (at < 0)
            return "(binary)";
        var start = Math.Max(0, text.LastIndexOf('\n', at) + 1);
        var end = text.IndexOf('\n', at);
        var line = text[Math.Max(start, at - 200)..(end < 0 ? Math.Min(text.Length, at + 200) : Math.Min(end, at + 200))];
        var shown = new string(line.Select(c => char.IsControl(c) || c == '\uFFFD' ? '.' : c).ToArray());
        return shown.Replace(needle, $"<{name}>", StringComparison.Ordinal);
    }

    // The whole secret, as it would be escaped in a URL, and its first ten characters: the portal once showed and
    // stored that much of every token, which for a secret chosen by a person can be most of it.
    private static IEnumerable<(string Form, string Needle)> Forms(string secret) =>
        new[] { ("whole", secret), ("url-escaped", Uri.EscapeDataString(secret)), ("first 10 characters", secret[..10]) }
            .DistinctBy(f => f.Item2);
}
