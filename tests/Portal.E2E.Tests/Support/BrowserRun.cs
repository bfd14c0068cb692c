using System.Collections.Concurrent;
using System.Net;
using Microsoft.Playwright;

namespace Portal.E2E.Tests.Support;

/// <summary>
/// One browser, one context, one page for a test. Requests to anything but loopback are aborted and remembered, so a
/// test fails if the portal starts pulling something from the internet. On failure, <see cref="RunAsync"/> saves a
/// full-page screenshot, the page's HTML, the browser console and a Playwright trace, and names the folder.
/// </summary>
public sealed class BrowserRun : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly ConcurrentQueue<string> blocked = new();
    private readonly ConcurrentQueue<string> console = new();

    private BrowserRun(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Requests that left loopback; each was aborted.</summary>
    public IReadOnlyCollection<string> BlockedRequests => blocked;

    public static async Task<BrowserRun> StartAsync(Uri baseAddress)
    {
        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await Chromium.LaunchAsync(playwright);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = baseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                Locale = "en-US",
                TimezoneId = "UTC",
            });
            // A 2-core CI machine compiles and starts the circuit slowly on first load; later steps are quick.
            context.SetDefaultTimeout(30_000);
            context.SetDefaultNavigationTimeout(30_000);
            await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });

            var page = await context.NewPageAsync();
            var run = new BrowserRun(playwright, browser, context, page);
            await context.RouteAsync("**/*", run.LoopbackOnlyAsync);
            page.Console += (_, message) => run.console.Enqueue($"[{message.Type}] {message.Text}");
            page.PageError += (_, error) => run.console.Enqueue($"[pageerror] {error}");
            return run;
        }
        catch
        {
            if (browser is not null)
                await browser.DisposeAsync();
            playwright.Dispose();
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
        // Each artifact on its own: a page that crashed may give HTML but no screenshot, or the other way round.
        await TryAsync(() => Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "page.png"), FullPage = true, Timeout = 10_000 }));
        await TryAsync(async () => await File.WriteAllTextAsync(Path.Combine(folder, "page.html"), await Page.ContentAsync()));
        await TryAsync(() => File.WriteAllLinesAsync(Path.Combine(folder, "console.log"), [$"URL: {Page.Url}", .. console, .. blocked.Select(b => $"[blocked] {b}")]));
        await TryAsync(() => Context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(folder, "trace.zip") }));
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
        await Context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
