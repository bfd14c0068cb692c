using Bunit;
using Portal.Web.Components.Pages.Admin;
using Portal.Web.Tests.Components.Versions.Support;

namespace Portal.Web.Tests.Components.Versions;

public sealed class AutoPromoteFormTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AutoPromoteIsOffUntilAnAdminTurnsItOn()
    {
        await using var bed = await VersionsTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("root", admin: true));
        bed.RenderProviders();
        var page = bed.Context.Render<TrainingAdminPage>();
        page.WaitForElement("#auto-promote input[type=checkbox]", Patience);
        Assert.False(page.Find("#auto-promote input[type=checkbox]").HasAttribute("checked"));
        Assert.Contains("candidates whose checklist has no failed item are promoted without a click", page.Find("#auto-promote").TextContent, StringComparison.Ordinal);

        await page.Find("#auto-promote input[type=checkbox]").ChangeAsync(new() { Value = true });

        page.WaitForAssertion(() => Assert.Equal(
            "Saved: candidates whose checklist has no failed item are promoted automatically.", page.Find("#auto-promote-saved").TextContent.Trim()), Patience);
        Assert.True(await bed.Versions.AutoPromoteAsync());

        await page.Find("#auto-promote input[type=checkbox]").ChangeAsync(new() { Value = false });

        page.WaitForAssertion(() => Assert.Equal("Saved: every promotion waits for an admin's click.", page.Find("#auto-promote-saved").TextContent.Trim()), Patience);
        Assert.False(await bed.Versions.AutoPromoteAsync());
    }

    [Fact]
    public async Task TheDeployRemoteIsShownWithoutItsCredentials()
    {
        await using var bed = await VersionsTestBed.CreateAsync("http://deployer:s3cret-token@127.0.0.1:1/verses/deploy.git");
        bed.SignIn(await bed.AddUserAsync("root", admin: true));
        bed.RenderProviders();

        var page = bed.Context.Render<TrainingAdminPage>();

        page.WaitForElement("#auto-promote #deploy-remote-url", Patience);
        Assert.Equal("http://127.0.0.1:1/verses/deploy.git", page.Find("#deploy-remote-url").TextContent);
        Assert.Equal("main", page.Find("#deploy-remote-branch").TextContent);
        Assert.DoesNotContain("s3cret-token", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#deploy-remote-local"));
    }
}
