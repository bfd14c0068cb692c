using Microsoft.Playwright;

namespace Portal.E2E.Tests.Support;

/// <summary>
/// Opt-in pictures for the README and for a look at the pages: <c>PORTAL_SCREENSHOT_DIR=docs/screenshots dotnet test
/// tests/Portal.E2E.Tests</c>. A relative folder is taken from the repository root. Without the variable, nothing.
/// </summary>
public static class Screenshots
{
    /// <param name="fullPage">False keeps to the browser window (1280x800), as the README's picture of the library.</param>
    public static async Task SaveIfAskedAsync(IPage page, string name, bool fullPage = true)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOT_DIR") is not { Length: > 0 } directory)
            return;
        var folder = Path.IsPathRooted(directory) ? directory : Path.Combine(RepositoryRoot(), directory);
        Directory.CreateDirectory(folder);
        // Keep the pointer off the page so that nothing is drawn hovered.
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(folder, $"{name}.png"),
            FullPage = fullPage,
            Animations = ScreenshotAnimations.Disabled,
        });
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
                return directory.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
