namespace Portal.Web.Options;

/// <summary>
/// First-start automation, read from the plain environment variables PORTAL_ADMIN_USER, PORTAL_ADMIN_PASSWORD and
/// PORTAL_API_TOKEN (the names scripts and CI already use), so they never have to be written into a file.
/// </summary>
public sealed record BootstrapOptions(string? AdminUser, string? AdminPassword, string? ApiToken)
{
    public static BootstrapOptions From(IConfiguration configuration) => new(
        NullIfEmpty(configuration["PORTAL_ADMIN_USER"]),
        NullIfEmpty(configuration["PORTAL_ADMIN_PASSWORD"]),
        NullIfEmpty(configuration["PORTAL_API_TOKEN"]));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
