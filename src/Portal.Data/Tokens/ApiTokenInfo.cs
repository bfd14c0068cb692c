namespace Portal.Data.Tokens;

public sealed record ApiTokenInfo(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A token just created: the only moment its secret exists outside the caller's hands.</summary>
public sealed record CreatedApiToken(ApiTokenInfo Info, string Secret);

/// <summary>The owner of a valid token, what the token may do (one of <see cref="ApiTokenScopes"/>) and its name,
/// which is how a worker is known: a worker token does not stand for its creator.</summary>
public sealed record ApiTokenOwner(string UserId, int TokenId, string Scope = ApiTokenScopes.Api, string Name = "")
{
    /// <summary>A worker token gets the Worker role only, never its creator's roles.</summary>
    public bool IsWorker => Scope == ApiTokenScopes.Worker;
}

/// <summary>
/// A valid token and, for an API token, what its requests run as: the owner's user name (null when the user is gone),
/// their roles now, and whether they may sign in (not locked out). A worker token has no user: no name, no roles.
/// </summary>
public sealed record ApiTokenAccount(ApiTokenOwner Token, string? UserName, IReadOnlyList<string> Roles, bool CanSignIn);
