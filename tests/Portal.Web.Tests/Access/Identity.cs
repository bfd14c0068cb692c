namespace Portal.Web.Tests.Access;

/// <summary>Who knocks: the six callers every page, endpoint and hub method is tried with.</summary>
public enum Identity
{
    Anonymous,

    /// <summary>A writer, owner of the verses and jobs the matrix acts on.</summary>
    Writer,

    /// <summary>A second writer, who owns none of them.</summary>
    OtherWriter,

    Admin,

    /// <summary>A training worker's token (no person behind it).</summary>
    Worker,

    /// <summary>An API token of <see cref="Writer"/>, created and then revoked through the portal's token store.</summary>
    RevokedToken,
}
