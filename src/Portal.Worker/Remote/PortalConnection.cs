namespace Portal.Worker.Remote;

/// <summary>Where the portal is and the token this worker signs in with.</summary>
public sealed record PortalConnection(Uri Portal, string Token)
{
    /// <summary>The portal's address as a base for relative paths, even when it was given without a trailing slash.</summary>
    public Uri BaseAddress => Portal.AbsoluteUri.EndsWith('/') ? Portal : new Uri(Portal.AbsoluteUri + "/");

    /// <summary>Never the token: records print every member, and this one ends up in logs.</summary>
    public override string ToString() => Portal.ToString();
}
