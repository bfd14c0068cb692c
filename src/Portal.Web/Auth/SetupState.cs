namespace Portal.Web.Auth;

/// <summary>
/// Whether the portal has its first admin. Cached because every request asks (to send the very first visitor to
/// the set-up page) and it can only ever change from false to true.
/// </summary>
public sealed class SetupState
{
    private volatile bool adminExists;

    public bool AdminExists => adminExists;

    public void MarkAdminCreated() => adminExists = true;
}
