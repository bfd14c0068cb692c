using System.Net;
using Portal.Core.Versions;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Versions;

/// <summary>POST /api/versions: a candidate becomes a commit, a tag and a push to the deploy remote, behind the checklist gate.</summary>
[Collection(VersionRuns.Name)]
public sealed class PromotionTests(TrainedCandidates trained)
{
    [Fact]
    public async Task PromotingACandidatePushesTagV1WithAManifestThatMatchesItsFiles()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();

        var version = await admin.PromoteAsync(trained.Passing.Id, "First model for the tour");

        Assert.Equal(1, version.Number);
        Assert.Equal("v1", version.Tag);
        Assert.Equal(PushState.Pushed, version.PushState);
        Assert.Null(version.PushError);
        Assert.Equal(trained.Passing.Id, version.JobId);
        Assert.False(version.Overridden);

        using var scratch = new TempDirectory();
        var clone = GitCli.Clone(portal.RemoteDirectory, scratch.Path);
        Assert.Contains("v1", GitCli.Tags(clone));
        Assert.Equal(version.CommitSha, GitCli.Run(clone, "rev-parse", "v1^{commit}").Trim());
        var manifest = ManifestJson.Read(clone);
        Assert.Equal(1, manifest.Version);
        Assert.Equal(trained.Passing.SnapshotHash, manifest.DatasetHash);
        Assert.Equal(4, manifest.VerseCount);
        Assert.Contains(manifest.Files, f => f.Path == "model/model.safetensors");
        Assert.Contains(manifest.Files, f => f.Path == "model/config.json");
        Assert.Empty(ManifestFiles.Verify(clone, manifest));
        foreach (var file in manifest.Files)
            Assert.Equal(file.Sha256, ManifestFiles.Sha256Of(Path.Combine(clone, file.Path)));
        Assert.StartsWith("# Model card: v1", File.ReadAllText(Path.Combine(clone, "MODEL_CARD.md")));
        var log = File.ReadAllText(Path.Combine(clone, "VERSION_LOG.md"));
        Assert.Contains("## v1", log);
        Assert.Contains("First model for the tour", log);
    }

    [Fact]
    public async Task TheHistoryAndAVersionShowThePushStateTheModelCardAndTheLogEntry()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        var promoted = await admin.PromoteAsync(trained.Passing.Id, "Shown in the history");

        var history = await admin.ListVersionsAsync();
        var details = await admin.GetVersionAsync(1);

        var row = Assert.Single(history);
        Assert.Equal(PushState.Pushed, row.PushState);
        Assert.Equal(promoted.CommitSha, row.CommitSha);
        Assert.Equal(PushState.Pushed, details.Version.PushState);
        Assert.StartsWith("# Model card: v1", details.ModelCard);
        Assert.StartsWith("## v1", details.VersionLogEntry);
        Assert.Contains("Shown in the history", details.VersionLogEntry);
        Assert.Null(details.PreviousNumber);
        using var missing = await admin.GetAsync("/api/versions/9");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task WritersReadVersionsButCannotPromoteRollBackOrPush()
    {
        await using var portal = trained.Start();
        var writer = await portal.Portal.CreateWriterAsync("lyricist");
        using var client = portal.Portal.CreateBearerClient(writer.Token);

        using var promote = await client.PostPromoteAsync(trained.Passing.Id, "mine now");
        using var rollback = await client.PostRollbackAsync(1);
        using var push = await client.PostPushAsync(1);
        var history = await client.ListVersionsAsync();

        Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rollback.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, push.StatusCode);
        Assert.Empty(history);
        Assert.False(Directory.Exists(portal.RemoteDirectory));
    }

    [Fact]
    public async Task ACandidateWithFailedChecklistItemsNeedsAnOverrideAndANote()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        var failed = PromotionRules.FailedItems(trained.Failing.Checklist);

        using var plain = await admin.PostPromoteAsync(trained.Failing.Id);
        var plainProblem = await plain.ReadProblemAsync();
        using var noNote = await admin.PostPromoteAsync(trained.Failing.Id, note: "  ", overrideChecklist: true);
        var version = await admin.PromoteAsync(trained.Failing.Id, "The writers asked for it anyway", overrideChecklist: true);

        Assert.Equal(HttpStatusCode.Conflict, plain.StatusCode);
        var items = plainProblem.GetProperty("failedItems").EnumerateArray().Select(i => i.GetProperty("key").GetString()).ToList();
        Assert.Equal(failed.Select(i => i.Key), items);
        Assert.Equal(HttpStatusCode.Conflict, noNote.StatusCode);
        Assert.Equal(1, version.Number);
        Assert.True(version.Overridden);
        Assert.Equal("The writers asked for it anyway", version.Note);
    }

    [Fact]
    public async Task PromotingTheSameCandidateTwiceIsRefused()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        await admin.PromoteAsync(trained.Passing.Id);

        using var again = await admin.PostPromoteAsync(trained.Passing.Id);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already v1", (await again.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Single(await admin.ListVersionsAsync());
    }

    [Fact]
    public async Task BadRequestsSayWhatIsWrong()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();

        using var noJob = await admin.PostAsync("/api/versions", JsonContent("{}"));
        using var unknownJob = await admin.PostPromoteAsync(999);
        using var longNote = await admin.PostPromoteAsync(trained.Passing.Id, new string('n', PromotionRules.MaxNoteLength + 1));
        using var unknownVersion = await admin.PostRollbackAsync(4);

        Assert.Equal(HttpStatusCode.BadRequest, noJob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longNote.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownVersion.StatusCode);
        Assert.Empty(await admin.ListVersionsAsync());
    }

    [Fact]
    public async Task QuickContinuesTheLatestVersionRatherThanTheNewestJob()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        // The failing job is the newer one: without a version it would be the current model.
        Assert.True(trained.Failing.Id > trained.Passing.Id);
        await admin.PromoteAsync(trained.Passing.Id);

        using var quick = await admin.PostJobAsync(new { preset = "Quick" });

        Assert.Equal(HttpStatusCode.BadRequest, quick.StatusCode);
        Assert.Contains($"Nothing new since job {trained.Passing.Id}'s model", (await quick.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
