namespace Portal.Web.Services.Versions;

/// <summary>
/// Keeps the deploy token out of everything the portal stores or shows. The deploy repository promises not to put it
/// in its errors; this is the second lock, applied to every push error before it is logged or recorded.
/// </summary>
public sealed class DeploySecrets(string? token)
{
    private const string Mask = "***";

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrEmpty(token) ? text : text.Replace(token, Mask, StringComparison.Ordinal);
    }
}
