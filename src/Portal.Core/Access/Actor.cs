namespace Portal.Core.Access;

/// <summary>Who is acting: the signed-in user or the owner of an API token.</summary>
public sealed record Actor(string UserId, string UserName, bool IsAdmin)
{
    /// <summary>Writers change their own verses; admins change everyone's.</summary>
    public bool CanEdit(string authorId) => IsAdmin || string.Equals(UserId, authorId, StringComparison.Ordinal);
}
