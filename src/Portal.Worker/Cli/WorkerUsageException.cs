namespace Portal.Worker.Cli;

/// <summary>A command line the worker cannot run with; the message says what to fix.</summary>
public sealed class WorkerUsageException(string message) : Exception(message);
