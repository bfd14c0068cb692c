namespace Portal.Core.Playground;

/// <summary>Each writer's recent playground runs, newest first. Only the newest <c>keep</c> per writer are kept.</summary>
public interface IGenerationHistoryStore
{
    /// <summary>Records the run and drops the writer's runs beyond the newest <paramref name="keep"/>.</summary>
    Task<GenerationRecord> AddAsync(string userId, NewGeneration generation, int keep, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<GenerationRecord>> RecentAsync(string userId, int take, CancellationToken cancellationToken = default);

    /// <summary>Null when the run is not there or belongs to another writer.</summary>
    Task<GenerationRecord?> FindAsync(string userId, long id, CancellationToken cancellationToken = default);
}
