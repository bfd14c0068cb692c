using System.Collections.Concurrent;

namespace Portal.Worker.Remote;

/// <summary>
/// What each folder held when it was last sent (or fetched), by size and write time, so that each checkpoint sends
/// only the files that changed: a tokenizer goes up once, a 100 MB checkpoint only when it was rewritten.
/// </summary>
internal sealed class UploadLedger
{
    private readonly ConcurrentDictionary<string, FileStamp> _sent = new();

    public static FileStamp Stamp(FileInfo file) => new(file.Length, file.LastWriteTimeUtc);

    public bool IsCurrent(long jobId, string area, FileInfo file) =>
        _sent.TryGetValue(Key(jobId, area, file.Name), out var stamp) && stamp == Stamp(file);

    public void Record(long jobId, string area, string name, FileStamp stamp) => _sent[Key(jobId, area, name)] = stamp;

    public void Forget(long jobId)
    {
        var prefix = $"{jobId}/";
        foreach (var key in _sent.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
            _sent.TryRemove(key, out _);
    }

    private static string Key(long jobId, string area, string name) => $"{jobId}/{area}/{name}";
}

internal readonly record struct FileStamp(long Length, DateTime LastWriteUtc);
