namespace Portal.Worker.Remote;

/// <summary>One file of a job's file area, as the portal lists it; <paramref name="Sha256"/> is lowercase or uppercase hex.</summary>
public sealed record JobFileEntry(string Name, long Size, string Sha256);
