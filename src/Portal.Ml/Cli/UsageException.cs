namespace Portal.Ml.Cli;

/// <summary>The command line itself is wrong: the message says what to change, and the usage is shown.</summary>
public sealed class UsageException(string message) : Exception(message);
