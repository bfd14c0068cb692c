using Microsoft.Playwright;

namespace Portal.E2E.Tests.Support;

/// <summary>
/// Debian's own Chromium, driven by the Playwright driver that ships inside the NuGet package. Playwright's browser
/// download cannot work here (and must never be needed), so the executable is always given explicitly.
/// </summary>
public static class Chromium
{
    /// <summary>Overridable for machines that keep Chromium elsewhere (e.g. /usr/bin/chromium-browser).</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("PORTAL_E2E_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    // No sandbox because CI runs as root in a container; the rest keeps the browser from talking to anything
    // but the portal on loopback. Debian's launcher gives Chromium Google API keys (/etc/chromium.d/apikeys), so it
    // still looks up accounts.google.com, content-autofill.googleapis.com and update.googleapis.com; resolving
    // every name to "not found" stops those DNS queries too (the tests address the portal as 127.0.0.1).
    private static readonly string[] Args =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"Chromium was not found at {ExecutablePath}. Install it with `apt-get install -y chromium`, or set PORTAL_E2E_CHROMIUM.");

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
            Timeout = 60_000,
        });
    }
}
