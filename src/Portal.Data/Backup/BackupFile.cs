namespace Portal.Data.Backup;

/// <summary>A finished backup in the backups folder: its file name, where it is, its size and when it was taken (UTC).</summary>
public sealed record BackupFile(string Name, string Path, long SizeBytes, DateTimeOffset CreatedAt);
