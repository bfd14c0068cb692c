namespace Portal.Data.Backup;

/// <summary>A finished restore: the database now in place, and where the one it replaced was kept (null when there was none).</summary>
public sealed record RestoreOutcome(string DatabasePath, string? KeptAsidePath);
