using System.Net;
using Portal.Core.Training;
using Portal.Ml.Formats;
using Portal.Ml.Model;
using Portal.Web.Tests.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Faults.Training;

/// <summary>
/// A candidate's files are checked against the SHA-256 digests recorded when its job succeeded: a file damaged on
/// disk afterwards is refused by name, by the playground and by promotion, and works again once it is restored.
/// </summary>
[Collection(TrainingRuns.Name)]
public sealed class DamagedModelTests
{
    [Fact]
    public async Task ACandidateWithADamagedWeightsFileIsRefusedByThePlaygroundAndByPromotionNamingTheFile()
    {
        await using var portal = TrainingPortal.WithWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2, 3, 4);
        var job = await portal.FinishedAsync((await admin.QueueAsync(TinyJob.Settings(maxSteps: 20))).Id);
        Assert.True(job.State == JobState.Succeeded, $"The job ended {job.State}: {job.FailureReason}");
        var folder = Path.Combine(portal.DataDirectory, job.CandidatePath!);
        Assert.True(File.Exists(ModelFolderDigests.PathFor(folder)), "the digests are recorded when the job succeeds");
        Assert.Empty(ModelFolderDigests.Verify(folder));
        var request = new { prompt = "rain on the roof", candidate = job.Id, maxNewTokens = 6, seed = 1 };
        await admin.GenerateAsync(request);

        var weights = Path.Combine(folder, HfCheckpoint.WeightsFileName);
        var intact = await File.ReadAllBytesAsync(weights);
        var damaged = intact.ToArray();
        damaged[damaged.Length / 2] ^= 0x20;
        await File.WriteAllBytesAsync(weights, damaged);

        using (var generation = await admin.PostGenerateAsync(request))
        {
            var detail = (await generation.ReadProblemAsync()).GetProperty("detail").GetString();
            Assert.False(generation.IsSuccessStatusCode);
            Assert.Contains($"job-{job.Id}", detail);
            Assert.Contains("model.safetensors is damaged: its SHA-256 is", detail);
        }
        using (var promotion = await admin.PostPromoteAsync(job.Id, note: "tried on a damaged disk", overrideChecklist: true))
        {
            Assert.Equal(HttpStatusCode.Conflict, promotion.StatusCode);
            var detail = (await promotion.ReadProblemAsync()).GetProperty("detail").GetString();
            Assert.StartsWith($"Job {job.Id}'s candidate cannot be promoted: model.safetensors is damaged", detail);
        }
        Assert.Empty(await admin.ListVersionsAsync());

        // Nothing else broke: once the file is whole again, the same candidate writes.
        await File.WriteAllBytesAsync(weights, intact);
        var again = await admin.GenerateAsync(request);
        Assert.NotNull(again);
    }
}
