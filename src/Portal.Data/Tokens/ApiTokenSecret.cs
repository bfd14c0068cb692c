using System.Security.Cryptography;
using System.Text;

namespace Portal.Data.Tokens;

/// <summary>
/// Token secrets are 256 random bits, so a plain SHA-256 is enough to store them safely: there is nothing to
/// brute-force, unlike a password, and the lookup stays one indexed equality.
/// </summary>
public static class ApiTokenSecret
{
    public const string Prefix = "vp_";

    public static string Create() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>What is shown instead of the first characters of a secret set in the environment (PORTAL_API_TOKEN, PORTAL_WORKER_TOKEN).</summary>
    public const string FromEnvironment = "(set in the environment)";

    /// <summary>What the profile page shows of a token: enough to recognise it, never enough to use it.</summary>
    public static string Display(string secret) => secret.Length <= 10 ? "…" : secret[..10] + "…";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
