using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Training;
using Portal.Worker.Execution;
using Portal.Worker.Remote;
using Portal.Worker.Tests.Support;

namespace Portal.Worker.Tests.Remote;

public class PortalJobChannelTests : IAsyncLifetime
{
    private readonly TempFolder _work = new();
    private readonly CapturedLogs _logs = new();
    private FakePortal _portal = null!;
    private PortalJobChannel _channel = null!;

    private static readonly JobAssignment Job = TinyJobs.Job(id: 1, attempt: 1);

    public async Task InitializeAsync()
    {
        _portal = await FakePortal.StartAsync();
        _portal.State.CurrentLease = Job.Lease.LeaseId;
        _channel = new PortalJobChannel(
            new PortalConnection(_portal.Address, FakePortal.Token),
            Options.Create(new WorkerOptions { WorkDirectory = _work.Path }),
            _logs.For<PortalJobChannel>());
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _portal.DisposeAsync();
        _work.Dispose();
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private string JobFolder => Path.Combine(_work.Path, "job-1");

    [Fact]
    public async Task PreparingFetchesEachAreaIntoTheJobsFolder()
    {
        _portal.State.Put("start", "config.json", Bytes("{\"n_embd\": 8}"));
        _portal.State.Put("start", "model.safetensors", new byte[300_000]);
        _portal.State.Put("run", "checkpoint.ckpt", Bytes("step 7"));
        _portal.State.Put("run", "vocab.json", Bytes("{}"));

        var files = await _channel.PrepareFilesAsync(Job, CancellationToken.None);

        Assert.Equal(Path.Combine(JobFolder, "start"), files.StartModelDirectory);
        Assert.Null(files.PreviousModelDirectory);
        Assert.Equal(Path.Combine(JobFolder, "run"), files.RunDirectory);
        Assert.Equal(Path.Combine(JobFolder, "candidate"), files.CandidateDirectory);
        Assert.True(Directory.Exists(files.CandidateDirectory));
        Assert.Equal("{\"n_embd\": 8}", File.ReadAllText(Path.Combine(files.StartModelDirectory!, "config.json")));
        Assert.Equal(300_000, new FileInfo(Path.Combine(files.StartModelDirectory!, "model.safetensors")).Length);
        Assert.Equal("step 7", File.ReadAllText(Path.Combine(files.RunDirectory, "checkpoint.ckpt")));
        Assert.Empty(Directory.EnumerateFiles(JobFolder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task APreviousModelThatIsTheStartModelIsFetchedOnceAndFilesAlreadyThereAreKept()
    {
        foreach (var area in new[] { "start", "previous" })
        {
            _portal.State.Put(area, "config.json", Bytes("{}"));
            _portal.State.Put(area, "model.safetensors", Bytes("weights"));
        }

        var first = await _channel.PrepareFilesAsync(Job, CancellationToken.None);
        var second = await _channel.PrepareFilesAsync(Job, CancellationToken.None);

        Assert.Equal(first.StartModelDirectory, first.PreviousModelDirectory);
        Assert.Equal(second, first);
        Assert.Equal(["start/config.json", "start/model.safetensors"], _portal.State.Downloads.Order());
    }

    [Fact]
    public async Task AFileWhoseHashDoesNotMatchIsRefusedAndNotKept()
    {
        _portal.State.Put("start", "config.json", Bytes("{}"));
        _portal.State.Put("start", "model.safetensors", Bytes("the real weights"));
        _portal.State.Damaged.Add("start/model.safetensors");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _channel.PrepareFilesAsync(Job, CancellationToken.None));

        Assert.Contains("start/model.safetensors arrived damaged", error.Message);
        Assert.False(File.Exists(Path.Combine(JobFolder, "start", "model.safetensors")));
        Assert.Empty(Directory.EnumerateFiles(JobFolder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task EachCheckpointSendsOnlyWhatChangedAndNeverTemporaryFiles()
    {
        _portal.State.Put("run", "vocab.json", Bytes("{}"));
        var files = await _channel.PrepareFilesAsync(Job, CancellationToken.None);
        File.WriteAllText(Path.Combine(files.RunDirectory, "checkpoint.ckpt"), "step 5");
        File.WriteAllText(Path.Combine(files.RunDirectory, "run-metrics.json"), "{}");
        File.WriteAllText(Path.Combine(files.RunDirectory, "best.ckpt"), "step 5");
        File.WriteAllText(Path.Combine(files.RunDirectory, ".checkpoint.ckpt.3f2a.tmp"), "half");

        await _channel.CheckpointSavedAsync(Job.Lease, files, CancellationToken.None);
        await _channel.CheckpointSavedAsync(Job.Lease, files, CancellationToken.None);
        File.WriteAllText(Path.Combine(files.RunDirectory, "checkpoint.ckpt"), "step 10");
        await _channel.CheckpointSavedAsync(Job.Lease, files, CancellationToken.None);

        // The downloaded vocabulary is not sent back; the checkpoint goes after the best weights, the metrics last.
        Assert.Equal(["run/best.ckpt", "run/checkpoint.ckpt", "run/run-metrics.json", "run/checkpoint.ckpt"], _portal.State.Uploads);
        Assert.Equal("step 10", Encoding.UTF8.GetString(_portal.State.Files["run"]["checkpoint.ckpt"]));
    }

    [Fact]
    public async Task AJobGoesThroughTheHubFromClaimToCompletionWithItsCandidate()
    {
        _portal.State.Queue.Enqueue(Job);
        _portal.State.HeartbeatAnswer = LeaseStatus.CancelRequested;
        var metrics = new JobMetrics { Steps = 20, InitialLoss = 5.5, FinalLoss = 2.25, Probes = [new ProbePair("rain", "la", "rain on")] };

        var claimed = await _channel.ClaimAsync("gpu-box-1", CancellationToken.None);
        var none = await _channel.ClaimAsync("gpu-box-1", CancellationToken.None);
        var files = await _channel.PrepareFilesAsync(claimed!, CancellationToken.None);
        var status = await _channel.HeartbeatAsync(claimed!.Lease, CancellationToken.None);
        await _channel.ReportAsync(claimed.Lease, [JobEventData.Log("hello"), JobEventData.ProgressMade(new JobProgress(3, 20, 0.5, 4.1, null, 1e-3, 900, 1.5, 8, false))], CancellationToken.None);
        File.WriteAllText(Path.Combine(files.CandidateDirectory, "config.json"), "{}");
        File.WriteAllText(Path.Combine(files.CandidateDirectory, "model.safetensors"), "weights");
        await _channel.CompleteAsync(claimed.Lease, files, JobOutcome.Succeeded(metrics), CancellationToken.None);

        Assert.Equal(["gpu-box-1", "gpu-box-1"], _portal.State.Claims);
        Assert.Null(none);
        Assert.Equal(Job.Lease, claimed.Lease);
        Assert.Equal(Job.Settings, claimed.Settings);
        Assert.Equal(Job.Verses, claimed.Verses);
        Assert.Equal(LeaseStatus.CancelRequested, status);
        Assert.Equal([JobEventKind.Log, JobEventKind.Progress], _portal.State.Events.Select(e => e.Kind));
        Assert.Equal(4.1, _portal.State.Events.Last().Progress!.TrainLoss);
        Assert.Equal(["candidate/config.json", "candidate/model.safetensors"], _portal.State.UploadsAtCompletion);
        var outcome = _portal.State.Outcome!;
        Assert.Equal(JobState.Succeeded, outcome.State);
        Assert.Equal(2.25, outcome.Metrics!.FinalLoss);
        Assert.Equal(metrics.Probes, outcome.Metrics.Probes);
        Assert.False(Directory.Exists(JobFolder), "a completed job's files are removed from the worker");
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(FakePortal.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALeaseThePortalNoLongerHonoursEndsTheCalls()
    {
        _portal.State.Put("start", "config.json", Bytes("{}"));
        _portal.State.CurrentLease = "someone-else";

        await Assert.ThrowsAsync<JobLeaseLostException>(() => _channel.PrepareFilesAsync(Job, CancellationToken.None));
        await Assert.ThrowsAsync<JobLeaseLostException>(() => _channel.ReportAsync(Job.Lease, [JobEventData.Log("late")], CancellationToken.None));
        await Assert.ThrowsAsync<JobLeaseLostException>(() => _channel.CompleteAsync(Job.Lease, TinyJobs.Files(JobFolder), JobOutcome.Cancelled(), CancellationToken.None));
        Assert.Equal(LeaseStatus.Lost, await _channel.HeartbeatAsync(Job.Lease, CancellationToken.None));
        Assert.Empty(_portal.State.Events);
    }

    [Fact]
    public async Task AWrongTokenIsNotMistakenForALostLease()
    {
        await using var stranger = new PortalJobChannel(
            new PortalConnection(_portal.Address, "not-the-token"), Options.Create(new WorkerOptions { WorkDirectory = _work.Path }), _logs.For<PortalJobChannel>());
        _portal.State.Put("start", "config.json", Bytes("{}"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => stranger.PrepareFilesAsync(Job, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => stranger.ClaimAsync("w", CancellationToken.None));
    }

    [Fact]
    public async Task ARemoteWorkerTrainsAJobAndDeliversItsCheckpointsAndCandidate()
    {
        _portal.State.Queue.Enqueue(Job);
        var loop = new WorkerLoop(_channel, new JobExecutor(NullLogger<JobExecutor>.Instance),
            Options.Create(new WorkerOptions { WorkerId = "remote-1", PollInterval = TimeSpan.FromMilliseconds(20) }), NullLogger<WorkerLoop>.Instance);
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(stop.Token);
        await _portal.State.Idle.Task.Guarded();
        await stop.CancelAsync();
        await running.Guarded();

        Assert.Equal(JobState.Succeeded, _portal.State.Outcome!.State);
        var run = _portal.State.Files["run"];
        Assert.Superset(new HashSet<string> { "checkpoint.ckpt", "best.ckpt", "run-metrics.json", "vocab.json", "merges.txt" }, run.Keys.ToHashSet());
        Assert.Contains("\"evaluations\"", System.Text.Encoding.UTF8.GetString(run["run-metrics.json"]));
        Assert.Superset(new HashSet<string> { "config.json", "model.safetensors", "vocab.json", "merges.txt", "generation_config.json" },
            _portal.State.UploadsAtCompletion.Where(u => u.StartsWith("candidate/", StringComparison.Ordinal)).Select(u => u["candidate/".Length..]).ToHashSet());
        Assert.Contains(_portal.State.Events, e => e.Progress is { Step: 20 });
        Assert.False(Directory.Exists(JobFolder));
    }
}
