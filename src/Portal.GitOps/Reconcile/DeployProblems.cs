namespace Portal.GitOps;

/// <summary>
/// What a problem with the deploy repository asks for: a later attempt (the remote is down, another process holds the
/// clone) or a person (credentials refused, a version tag that differs on the remote, a clone git cannot read).
/// </summary>
public enum DeployProblemKind
{
    RetryLater,
    NeedsPerson,
}

/// <summary>One problem found while reconciling, in words an administrator can act on. Never holds a secret.</summary>
public sealed record DeployProblem(DeployProblemKind Kind, string Message);

/// <summary>Another process works on the working clone; the operation can be tried again later.</summary>
public sealed class DeployBusyException(string message, Exception? inner = null) : Exception(message, inner);
