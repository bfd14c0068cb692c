namespace Portal.Serving.Deploy;

/// <summary>
/// The deploy repository could not be read this time (network, credentials, a branch not published yet): worth
/// trying again at the next interval. The message never holds a secret.
/// </summary>
internal sealed class DeployFetchException(string message) : Exception(message);
