using Portal.Core.Training;
using Portal.Data.Training;

namespace Portal.Data.Tests.Training;

public sealed class PortalSettingsStoreTests
{
    [Fact]
    public async Task AutomaticRetrainingIsOffUntilAnAdminSavesIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = database.Get<PortalSettingsStore>();

        Assert.Equal(AutoRetrainSettings.Off, await settings.GetAutoRetrainAsync());
        Assert.Null(await settings.AutoRetrainChangedByAsync());
    }

    [Fact]
    public async Task SavedSettingsRoundTripAndRememberWhoSavedThemLast()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = await database.AddUserAsync("root", admin: true);
        var second = await database.AddUserAsync("ops", admin: true);
        var settings = database.Get<PortalSettingsStore>();

        await settings.SaveAutoRetrainAsync(new AutoRetrainSettings(25, null, RetrainPreset.Quick), first.UserId);
        await settings.SaveAutoRetrainAsync(new AutoRetrainSettings(50, 24, RetrainPreset.Full), second.UserId);

        Assert.Equal(new AutoRetrainSettings(50, 24, RetrainPreset.Full), await settings.GetAutoRetrainAsync());
        Assert.Equal(second.UserId, await settings.AutoRetrainChangedByAsync());
    }

    [Fact]
    public async Task InvalidSettingsAreRefusedWithEveryProblem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await database.AddUserAsync("root", admin: true);
        var settings = database.Get<PortalSettingsStore>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            settings.SaveAutoRetrainAsync(new AutoRetrainSettings(0, 0, RetrainPreset.Custom), admin.UserId));

        Assert.Contains("New verses", error.Message);
        Assert.Contains("schedule", error.Message);
        Assert.Contains("preset", error.Message);
        Assert.Equal(AutoRetrainSettings.Off, await settings.GetAutoRetrainAsync());
    }
}
