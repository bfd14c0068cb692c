namespace Portal.Web.Components.Pages.Versions;

/// <summary>The three things an admin does to versions; each reports its outcome in its own words.</summary>
public enum VersionCommand
{
    Promote,
    Rollback,
    RetryPush,
}
