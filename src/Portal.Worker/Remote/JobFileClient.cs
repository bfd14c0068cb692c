using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Portal.Core.Training;

namespace Portal.Worker.Remote;

/// <summary>
/// A job's files over the portal's file endpoints. Downloads land in a temporary file and are renamed into place only
/// once their size and SHA-256 match the listing; uploads stream from disk, so a 500 MB model never sits in memory.
/// </summary>
internal sealed class JobFileClient(HttpClient http, ILogger logger)
{
    public const string TokenRefused = "The portal refused the worker token; check PORTAL_WORKER_TOKEN (or --token).";

    private const int BufferSize = 1 << 16;

    /// <summary>The area's files, or null when it has none (404).</summary>
    public async Task<IReadOnlyList<JobFileEntry>?> ListAsync(JobLease lease, string area, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, WorkerProtocol.ListPath(lease.JobId, area), lease);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        EnsureSuccess(response, lease, $"listing {area}");
        var entries = await response.Content.ReadFromJsonAsync<List<JobFileEntry>>(cancellationToken) ?? [];
        var unsafeName = entries.FirstOrDefault(e => !WorkerProtocol.IsPlainFileName(e.Name));
        if (unsafeName is not null)
            throw new InvalidDataException($"The portal listed a file that is not a plain file name in {area}: \"{unsafeName.Name}\".");
        return entries;
    }

    /// <summary>Fetches every listed file into <paramref name="folder"/>; a file already there with the listed content is kept.</summary>
    /// <returns>The stamp of each file as it is on disk afterwards.</returns>
    public async Task<IReadOnlyDictionary<string, FileStamp>> DownloadAllAsync(
        JobLease lease, string area, IReadOnlyList<JobFileEntry> entries, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var stamps = new Dictionary<string, FileStamp>();
        long fetched = 0;
        foreach (var entry in entries)
        {
            var path = Path.Combine(folder, entry.Name);
            if (!await HasContentAsync(path, entry, cancellationToken))
            {
                await DownloadAsync(lease, area, entry, path, cancellationToken);
                fetched += entry.Size;
            }
            stamps[entry.Name] = UploadLedger.Stamp(new FileInfo(path));
        }
        logger.LogInformation("Job {JobId}: {Area} has {Count} files; fetched {Bytes:N0} bytes", lease.JobId, area, entries.Count, fetched);
        return stamps;
    }

    public async Task UploadAsync(JobLease lease, string area, FileInfo file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
        using var request = Request(HttpMethod.Put, WorkerProtocol.FilePath(lease.JobId, area, file.Name), lease);
        request.Content = new StreamContent(stream, BufferSize);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = stream.Length;
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureSuccess(response, lease, $"uploading {area}/{file.Name}");
        logger.LogDebug("Job {JobId}: uploaded {Area}/{Name} ({Bytes:N0} bytes)", lease.JobId, area, file.Name, stream.Length);
    }

    private async Task DownloadAsync(JobLease lease, string area, JobFileEntry entry, string path, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(folder, $".{entry.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using var request = Request(HttpMethod.Get, WorkerProtocol.FilePath(lease.JobId, area, entry.Name), lease);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            EnsureSuccess(response, lease, $"downloading {area}/{entry.Name}");
            string hash;
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                hash = await CopyHashingAsync(body, target, cancellationToken);
                await target.FlushAsync(cancellationToken);
            }

            var size = new FileInfo(temporary).Length;
            if (size != entry.Size || !string.Equals(hash, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException(
                    $"{area}/{entry.Name} arrived damaged: {size:N0} bytes with SHA-256 {hash}, expected {entry.Size:N0} bytes with {entry.Sha256.ToLowerInvariant()}.");
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<bool> HasContentAsync(string path, JobFileEntry entry, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length != entry.Size)
            return false;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        return string.Equals(hash, entry.Sha256, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> CopyHashingAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, JobLease lease)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(WorkerProtocol.LeaseHeader, lease.LeaseId);
        return request;
    }

    /// <summary>The portal answers 403, 409 or 410 when the lease is no longer current; 401 when the token is wrong.</summary>
    private static void EnsureSuccess(HttpResponseMessage response, JobLease lease, string what)
    {
        if (response.IsSuccessStatusCode)
            return;
        switch (response.StatusCode)
        {
            case HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.Gone:
                throw new JobLeaseLostException(lease.JobId);
            case HttpStatusCode.Unauthorized:
                throw new UnauthorizedAccessException(TokenRefused);
            default:
                throw new HttpRequestException($"The portal answered {(int)response.StatusCode} ({response.ReasonPhrase}) when {what}.", null, response.StatusCode);
        }
    }
}
