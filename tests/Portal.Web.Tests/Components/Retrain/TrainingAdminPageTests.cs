using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Data.Tokens;
using Portal.Web.Components.Pages.Admin;
using Portal.Web.Tests.Components.Retrain.Support;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Components.Retrain;

public sealed class TrainingAdminPageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AWorkerTokenIsShownOnceWithTheCommandThatRunsAWorker()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("root", admin: true));
        bed.RenderProviders();
        var page = bed.Context.Render<TrainingAdminPage>();
        page.WaitForElement("#no-worker-tokens", Patience);

        await page.TypeAsync("#worker-token-name", "gpu box");
        await page.Find("#create-worker-token").ClickAsync(new());

        page.WaitForElement("#new-worker-token-secret", Patience);
        var secret = page.Find("#new-worker-token-secret").TextContent.Trim();
        Assert.StartsWith(ApiTokenSecret.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal(
            $"PORTAL_WORKER_TOKEN={secret} dotnet run --project src/Portal.Worker -- --portal http://localhost",
            page.Find("#worker-command").TextContent.Trim());
        var owner = await bed.Context.Services.GetRequiredService<ApiTokenStore>().ValidateAsync(secret);
        Assert.True(owner?.IsWorker);
        var row = Assert.Single(page.FindAll("#worker-token-table tr.worker-token-row"));
        Assert.Contains("gpu box", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, row.TextContent, StringComparison.Ordinal);

        await page.Find(".revoke-worker-token").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("#worker-token-table tr.worker-token-row").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("#new-worker-token-secret"));
        Assert.Null(await bed.Context.Services.GetRequiredService<ApiTokenStore>().ValidateAsync(secret));
    }

    [Fact]
    public async Task AutomaticRetrainingIsOffByDefaultAndSavesWhatTheAdminChose()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("root", admin: true));
        bed.RenderProviders();
        var settings = bed.Context.Services.GetRequiredService<IPortalSettingsStore>();
        var page = bed.Context.Render<TrainingAdminPage>();
        page.WaitForElement("#auto-retrain-save", Patience);
        Assert.False(page.Find("#auto-retrain input[type=checkbox]").HasAttribute("checked"));
        Assert.True(page.Find("#auto-retrain-after").HasAttribute("disabled"));

        await page.Find("#auto-retrain input[type=checkbox]").ChangeAsync(new() { Value = true });

        // On, but with no reason to retrain: nothing to save yet.
        page.WaitForAssertion(() => Assert.Contains("Choose a number of new verses", page.Find("#auto-retrain-errors").TextContent, StringComparison.Ordinal), Patience);
        Assert.True(page.Find("#auto-retrain-save").HasAttribute("disabled"));

        await page.TypeAsync("#auto-retrain-after", "0");
        page.WaitForAssertion(() => Assert.Contains("New verses must be between 1 and 100000.", page.Find("#auto-retrain-errors").TextContent, StringComparison.Ordinal), Patience);

        await page.TypeAsync("#auto-retrain-after", "25");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#auto-retrain-errors")), Patience);
        await page.Find("#auto-retrain-save").ClickAsync(new());

        page.WaitForElement("#auto-retrain-saved", Patience);
        Assert.Equal(new AutoRetrainSettings(25, null, RetrainPreset.Quick), await settings.GetAutoRetrainAsync());
    }
}
