namespace Portal.Core.Versions;

/// <summary>Where a version's commit stands against the deploy remote.</summary>
public enum PushState
{
    /// <summary>Committed and tagged in the portal's working clone; not on the remote yet (pushing, or the push failed: see the error).</summary>
    Committed,

    /// <summary>The branch and the tag are on the remote: deployed as far as the portal is concerned.</summary>
    Pushed,
}
