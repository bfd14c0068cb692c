using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Web.Services.Training;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.BadInput.Paths;

/// <summary>
/// "From a base checkpoint" jobs name a folder under base-models/. No name, link or setting may make the portal
/// train from, or hand a worker, files outside the data directory.
/// </summary>
public sealed class BaseModelPathTests
{
    [Theory]
    [InlineData("..")]
    [InlineData("../outside/model")]
    [InlineData("../../../../../../etc")]
    [InlineData("/etc")]
    [InlineData("a/b")]
    [InlineData("..\\outside")]
    [InlineData("%2e%2e")]
    [InlineData("%2e%2e%2foutside%2fmodel")]
    [InlineData("model\0")]
    [InlineData("")]
    public async Task ABaseModelNameThatCouldLeaveBaseModelsIsRefusedAndQueuesNothing(string name)
    {
        using var world = new OutsideWorld();
        await using var portal = PathPortal.On(world);
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2);
        var outside = world.Snapshot();

        using var response = await admin.PostJobAsync(TinyJob.Request(TinyJob.Settings() with { StartMode = JobStartMode.Base, BaseModel = name }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("needs the name of a folder under base-models/", await ProblemText.ReadAllAsync(response), StringComparison.Ordinal);
        Assert.Empty(await admin.GetJobsAsync());
        Assert.Equal(outside, world.Snapshot());
    }

    [Fact]
    public async Task ABaseModelFolderThatLinksOutsideIsRefusedAndNotOffered()
    {
        using var world = new OutsideWorld();
        Directory.CreateDirectory(world.BaseModels());
        Directory.CreateSymbolicLink(Path.Combine(world.BaseModels(), "linked"), world.OutsideModel);
        await using var portal = PathPortal.On(world);
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2);

        using var response = await admin.PostJobAsync(TinyJob.Request(TinyJob.Settings() with { StartMode = JobStartMode.Base, BaseModel = "linked" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("base-models/linked is not a complete model folder", await ProblemText.ReadAllAsync(response), StringComparison.Ordinal);
        Assert.Empty(await admin.GetJobsAsync());
        Assert.Empty(portal.Services.GetRequiredService<TrainingJobService>().BaseModels());
    }

    [Fact]
    public async Task ABaseModelWhoseWeightsLinkOutsideIsRefused()
    {
        using var world = new OutsideWorld();
        var half = Path.Combine(world.BaseModels(), "half");
        Directory.CreateDirectory(half);
        File.WriteAllText(Path.Combine(half, "config.json"), "{}");
        File.CreateSymbolicLink(Path.Combine(half, "model.safetensors"), world.Canary);
        await using var portal = PathPortal.On(world);
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2);

        using var response = await admin.PostJobAsync(TinyJob.Request(TinyJob.Settings() with { StartMode = JobStartMode.Base, BaseModel = "half" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("base-models/half is not a complete model folder", await ProblemText.ReadAllAsync(response), StringComparison.Ordinal);
        Assert.Empty(await admin.GetJobsAsync());
    }

    [Fact]
    public async Task AConfiguredBaseModelOutsideTheDataDirectoryIsNeverUsed()
    {
        using var world = new OutsideWorld();
        await using var portal = PathPortal.On(world, new Dictionary<string, string> { ["Portal:Training:BaseModel"] = "../outside/model" });
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2);

        var queued = await admin.QueueAsync(new { preset = "Full" });

        Assert.Contains("from scratch", queued.StartFrom, StringComparison.Ordinal);
        Assert.Equal(JobStartMode.Scratch, (await admin.GetJobAsync(queued.Id)).Settings.StartMode);
    }
}
