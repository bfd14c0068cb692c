using Portal.Ml.Model;
using Portal.Web.Tests.Playground;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Faults.Training;

/// <summary>
/// The comparison shown before a promotion reads model files too: a damaged candidate is refused by name, and a
/// damaged copy of the current version gives way to the files that were deployed, so the admin still sees both sides.
/// </summary>
[Collection(VersionRuns.Name)]
public sealed class DamagedComparisonTests(TrainedCandidates trained)
{
    [Fact]
    public async Task ADamagedCandidateIsRefusedByNameAndADamagedCurrentVersionIsComparedFromItsTag()
    {
        await using var intact = trained.Start();
        await using var damaged = trained.Start();
        foreach (var portal in new[] { intact, damaged })
        {
            using var admin = portal.CreateAdminClient();
            await admin.PromoteAsync(trained.Passing.Id);
        }
        var expected = await intact.Versions.CompareAsync(trained.Failing.Id);

        // Zeros over the middle of the current version's weights: a model read from them would score differently.
        Overwrite(Path.Combine(damaged.CandidateFolder(trained.Passing), HfCheckpoint.WeightsFileName));
        var fromTag = await damaged.Versions.CompareAsync(trained.Failing.Id);

        Assert.NotNull(fromTag.CurrentLoss);
        Assert.Equal(expected.CurrentLoss, fromTag.CurrentLoss);
        Assert.Equal(expected.CandidateLoss, fromTag.CandidateLoss);
        Assert.Equal(expected.Prompts.Select(p => p.Current), fromTag.Prompts.Select(p => p.Current));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(damaged.DataDirectory, "tmp"), "compare-*"));

        // A job that is not yet a version has no deployed copy: its damage is named, not scored. In a portal of its
        // own, since each portal keeps the comparisons it made.
        await using var other = trained.Start();
        Overwrite(Path.Combine(other.CandidateFolder(trained.Failing), HfCheckpoint.WeightsFileName));
        var refused = await Assert.ThrowsAsync<InvalidCheckpointException>(() => other.Versions.CompareAsync(trained.Failing.Id));
        Assert.Contains($"job-{trained.Failing.Id}", refused.Message);
        Assert.Contains("model.safetensors is damaged: its SHA-256 is", refused.Message);
    }

    private static void Overwrite(string file)
    {
        var bytes = File.ReadAllBytes(file);
        Array.Clear(bytes, bytes.Length / 3, bytes.Length / 3);
        File.WriteAllBytes(file, bytes);
    }
}
