namespace Portal.Web.Options;

/// <summary>
/// First-start automation, read from the plain environment variables PORTAL_ADMIN_USER, PORTAL_ADMIN_PASSWORD,
/// PORTAL_API_TOKEN and PORTAL_WORKER_TOKEN (the names scripts and CI already use), so they never have to be written
/// into a file.
/// </summary>
/// <param name="WorkerToken">A worker token owned by the first admin, so that a GPU worker started alongside the
/// portal (docker compose, CI) can connect without anyone opening the admin page.</param>
public sealed record BootstrapOptions(string? AdminUser, string? AdminPassword, string? ApiToken, string? WorkerToken = null)
{
    public static BootstrapOptions From(IConfiguration configuration) => new(
        NullIfEmpty(configuration["PORTAL_ADMIN_USER"]),
        NullIfEmpty(configuration["PORTAL_ADMIN_PASSWORD"]),
        NullIfEmpty(configuration["PORTAL_API_TOKEN"]),
        NullIfEmpty(configuration["PORTAL_WORKER_TOKEN"]));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
