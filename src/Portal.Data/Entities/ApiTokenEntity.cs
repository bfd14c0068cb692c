namespace Portal.Data.Entities;

/// <summary>
/// A personal API token, or a worker token that may only claim and report training jobs (see <see cref="Scope"/>).
/// Only its SHA-256 is stored; the secret is shown once, at creation.
/// </summary>
public sealed class ApiTokenEntity
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public PortalUser? User { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the token, so that a writer can tell their tokens apart.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>One of <see cref="Tokens.ApiTokenScopes"/>.</summary>
    public string Scope { get; set; } = Tokens.ApiTokenScopes.Api;
}
