namespace Portal.Data.Backup;

/// <summary>A backup that was written but failed its check; nothing under a backup name was left behind.</summary>
public sealed class BackupFailedException(string message) : Exception(message);
