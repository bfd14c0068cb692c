namespace Portal.GitOps.Remote;

/// <summary>Thrown inside the credentials callback to stop libgit2 replaying refused credentials.</summary>
internal sealed class CredentialsRefusedException() : Exception("The server refused the deploy credentials.");
