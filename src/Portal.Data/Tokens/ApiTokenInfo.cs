namespace Portal.Data.Tokens;

public sealed record ApiTokenInfo(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A token just created: the only moment its secret exists outside the caller's hands.</summary>
public sealed record CreatedApiToken(ApiTokenInfo Info, string Secret);

/// <summary>The owner of a valid token.</summary>
public sealed record ApiTokenOwner(string UserId, int TokenId);
