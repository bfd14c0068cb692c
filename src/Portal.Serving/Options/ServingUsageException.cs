namespace Portal.Serving.Options;

/// <summary>The service was started with settings it cannot run with; the message says which and why.</summary>
public sealed class ServingUsageException(string message) : Exception(message);
