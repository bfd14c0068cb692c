namespace Portal.Data.Backup;

/// <summary>A restore that was refused before anything changed; the message says why and what to do.</summary>
public sealed class RestoreRefusedException(string message) : Exception(message);
