using System.Collections.Concurrent;
using System.Net;
using Microsoft.Playwright;

namespace Portal.E2E.Tests.Support;

/// <summary>
/// One browser, one context, one page for a test, and on request further visitors: each a context of its own (no
/// shared cookies) in the same browser. Requests to anything but loopback are aborted and remembered, so a test fails
/// if the portal starts pulling something from the internet. On failure, <see cref="RunAsync"/> saves a full-page
/// screenshot, the page's HTML, the browser console and a Playwright trace of every visitor, and names the folder.
/// </summary>
public sealed class BrowserRun : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly Uri baseAddress;
    private readonly List<(IBrowserContext Context, IPage Page)> visitors = [];
    private readonly ConcurrentQueue<string> blocked = new();
    private readonly ConcurrentQueue<string> console = new();

    private BrowserRun(IPlaywright playwright, IBrowser browser, Uri baseAddress)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.baseAddress = baseAddress;
    }

    public IBrowserContext Context => visitors[0].Context;

    public IPage Page => visitors[0].Page;

    /// <summary>Requests that left loopback; each was aborted.</summary>
    public IReadOnlyCollection<string> BlockedRequests => blocked;

    public static async Task<BrowserRun> StartAsync(Uri baseAddress)
    {
        var playwright = await Playwright.CreateAsync();
        BrowserRun? run = null;
        try
        {
            run = new BrowserRun(playwright, await Chromium.LaunchAsync(playwright), baseAddress);
            await run.NewVisitorAsync();
            return run;
        }
        catch
        {
            if (run is not null)
                await run.DisposeAsync();
            else
                playwright.Dispose();
            throw;
        }
    }

    /// <summary>Another person at another computer: a fresh context (no cookies), set up like the first.</summary>
    public async Task<IPage> NewVisitorAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        try
        {
            // A 2-core CI machine compiles and starts the circuit slowly on first load; later steps are quick.
            context.SetDefaultTimeout(30_000);
            context.SetDefaultNavigationTimeout(30_000);
            await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
            await context.RouteAsync("**/*", LoopbackOnlyAsync);

            var page = await context.NewPageAsync();
            var label = visitors.Count == 0 ? "" : $"visitor {visitors.Count + 1} ";
            page.Console += (_, message) => console.Enqueue($"{label}[{message.Type}] {message.Text}");
            page.PageError += (_, error) => console.Enqueue($"{label}[pageerror] {error}");
            visitors.Add((context, page));
            return page;
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the test's steps; when one fails, keeps what the page showed and says where.</summary>
    public async Task RunAsync(string name, Func<IPage, Task> steps)
    {
        try
        {
            await steps(Page);
        }
        catch (Exception failure)
        {
            var folder = await SaveArtifactsAsync(name);
            throw new Xunit.Sdk.XunitException(
                $"{name} failed: {failure.Message}{Environment.NewLine}Screenshot, HTML, console log and trace: {folder}{Environment.NewLine}{failure}");
        }
    }

    private async Task<string> SaveArtifactsAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(folder);
        await TryAsync(() => File.WriteAllLinesAsync(Path.Combine(folder, "console.log"),
            [.. visitors.Select((v, i) => $"URL{(i == 0 ? "" : $" of visitor {i + 1}")}: {v.Page.Url}"), .. console, .. blocked.Select(b => $"[blocked] {b}")]));
        for (var i = 0; i < visitors.Count; i++)
        {
            var (context, page) = visitors[i];
            var prefix = i == 0 ? "" : $"visitor{i + 1}-";
            // Each artifact on its own: a page that crashed may give HTML but no screenshot, or the other way round.
            await TryAsync(() => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{prefix}page.png"), FullPage = true, Timeout = 10_000 }));
            await TryAsync(async () => await File.WriteAllTextAsync(Path.Combine(folder, $"{prefix}page.html"), await page.ContentAsync()));
            await TryAsync(() => context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(folder, $"{prefix}trace.zip") }));
        }
        return folder;
    }

    private static async Task TryAsync(Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (Exception exception) when (exception is PlaywrightException or IOException or TimeoutException)
        {
        }
    }

    private async Task LoopbackOnlyAsync(IRoute route)
    {
        var url = new Uri(route.Request.Url);
        var loopback = url.Scheme is "data" or "blob" || url.IsLoopback ||
                       (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));
        if (loopback)
        {
            await route.ContinueAsync();
            return;
        }
        blocked.Enqueue(route.Request.Url);
        await route.AbortAsync("blockedbyclient");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (context, _) in visitors)
            await context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
