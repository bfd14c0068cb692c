namespace Portal.Core.Versions;

/// <summary>The portal's record of promoted versions. The deploy repository is the deploy; this is its index.</summary>
public interface IModelVersionStore
{
    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken = default);

    Task<ModelVersion?> FindAsync(int number, CancellationToken cancellationToken = default);

    /// <summary>The highest numbered version (what the deploy branch holds), or null before the first promotion.</summary>
    Task<ModelVersion?> LatestAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a committed version. Throws <see cref="InvalidOperationException"/> when the number is taken.</summary>
    Task<ModelVersion> AddAsync(ModelVersion version, CancellationToken cancellationToken = default);

    /// <summary>After a re-applied promotion the commit changes; after a push the state does.</summary>
    Task<ModelVersion?> UpdatePushAsync(int number, string commitSha, PushState state, string? error, DateTimeOffset? pushedAt, CancellationToken cancellationToken = default);

    /// <summary>Versions whose job is this one (promoted or rolled back to).</summary>
    Task<IReadOnlyList<ModelVersion>> ForJobAsync(long jobId, CancellationToken cancellationToken = default);
}
