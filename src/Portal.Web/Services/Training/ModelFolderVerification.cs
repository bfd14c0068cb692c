using Portal.Ml.Formats;
using Portal.Ml.Model;

namespace Portal.Web.Services.Training;

/// <summary>
/// Checks a model folder against the SHA-256 digests recorded beside it (<see cref="ModelFolderDigests"/>) before the
/// portal loads or promotes it. Each file is hashed once per change (<see cref="FileDigests"/> remembers size and
/// write time), so checking a model that is used again and again costs a directory listing.
/// </summary>
public sealed class ModelFolderVerification(FileDigests digests)
{
    /// <summary>One line per damaged or missing file ("model.safetensors is damaged: ..."); empty when intact or when nothing was recorded.</summary>
    public Task<IReadOnlyList<string>> ProblemsAsync(string folder, CancellationToken cancellationToken = default) =>
        ModelFolderDigests.VerifyAsync(folder, digests.Sha256Async, cancellationToken);

    /// <exception cref="InvalidCheckpointException">A recorded file is damaged or missing; the message names the folder and each file.</exception>
    public async Task EnsureIntactAsync(string folder, CancellationToken cancellationToken = default)
    {
        var problems = await ProblemsAsync(folder, cancellationToken);
        if (problems.Count > 0)
            throw new InvalidCheckpointException($"The model files in {Describe(folder)} do not match the digests recorded when they were written, so they are not used", problems);
    }

    /// <summary>Records the folder's digests, on the thread pool: hashing reads every byte of the weights.</summary>
    public static Task RecordAsync(string folder, CancellationToken cancellationToken = default) =>
        Task.Run(() => ModelFolderDigests.Record(folder), cancellationToken);

    /// <summary>models/job-3 rather than the full path: the data directory's place on disk means nothing to a writer.</summary>
    private static string Describe(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var parent = Path.GetFileName(Path.GetDirectoryName(full));
        return string.IsNullOrEmpty(parent) ? Path.GetFileName(full) : $"{parent}/{Path.GetFileName(full)}";
    }
}
