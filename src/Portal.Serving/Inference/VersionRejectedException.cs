namespace Portal.Serving.Inference;

/// <summary>
/// A version that cannot be served as committed: no valid manifest, a file that fails verification, or a model that
/// does not load. Trying the same commit again cannot help; it needs a person (a new commit). The message says why.
/// </summary>
internal sealed class VersionRejectedException(string message, Exception? innerException = null) : Exception(message, innerException);
