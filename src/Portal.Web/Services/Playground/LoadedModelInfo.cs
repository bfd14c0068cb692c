namespace Portal.Web.Services.Playground;

/// <summary>
/// A model the playground holds in memory. <see cref="Cached"/> is false for a model evicted while generations still
/// used it: it is freed when the last of them (<see cref="Leases"/>) ends.
/// </summary>
public sealed record LoadedModelInfo(string Folder, long CostBytes, int Leases, DateTimeOffset LastUsedAt, bool Cached);
