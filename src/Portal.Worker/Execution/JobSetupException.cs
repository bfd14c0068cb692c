namespace Portal.Worker.Execution;

/// <summary>A job that cannot start as asked (a missing model folder, no verses); the message is meant for the writer.</summary>
public sealed class JobSetupException(string message, Exception? innerException = null) : Exception(message, innerException);
