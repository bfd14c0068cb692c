using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.BadInput.Paths;

/// <summary>
/// /api/worker/jobs/{id}/files with names and links built to climb out of the job's folder: refused or not found,
/// the canary beside the data directory never served, and nothing outside the data directory created or changed.
/// </summary>
public sealed class WorkerFilePathTests : IAsyncLifetime
{
    private const string LeaseHeader = "X-Job-Lease";
    private readonly OutsideWorld world = new();
    private PortalFactory portal = null!;
    private HubConnection worker = null!;
    private HttpClient files = null!;
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(world.BaseModels());
        Training.FakeModel.Create(Path.Combine(world.BaseModels(), "good"));
        portal = PathPortal.On(world);
        admin = portal.CreateAdminClient();
        files = portal.CreateBearerClient(PortalFactory.WorkerToken);
        worker = await HubClient.ConnectAsync(portal, PortalFactory.WorkerToken);
        await admin.AddVersesAsync(1, 2);
    }

    public async Task DisposeAsync()
    {
        await worker.DisposeAsync();
        files.Dispose();
        admin.Dispose();
        await portal.DisposeAsync();
        world.Dispose();
    }

    [Theory]
    [InlineData("%2e%2e")]
    [InlineData("%2e%2e%2f%2e%2e%2f%2e%2e%2foutside%2fcanary.txt")]
    [InlineData("..%2f..%2f..%2foutside%2fcanary.txt")]
    [InlineData("%2e%2e%5c%2e%2e%5coutside%5ccanary.txt")]
    [InlineData("%252e%252e%252fcanary.txt")]
    [InlineData("%2fetc%2fpasswd")]
    public async Task AFileNameThatCouldLeaveTheJobFolderIsRefusedForReadAndWrite(string name)
    {
        var job = await ClaimAsync(TinyJob.Settings());
        var outside = world.Snapshot();

        using var get = await SendAsync(HttpMethod.Get, job.Lease, $"run/{name}");
        using var put = await SendAsync(HttpMethod.Put, job.Lease, $"run/{name}", [1, 2, 3]);
        using var startGet = await SendAsync(HttpMethod.Get, job.Lease, $"start/{name}");

        foreach (var response in new[] { get, put, startGet })
        {
            // 400 from the name check, or 404/405 where routing already refuses the decoded path.
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.RequestMessage!.Method} {name} answered {(int)response.StatusCode}.");
            Assert.DoesNotContain(world.Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(outside, world.Snapshot());
        Assert.Empty(Directory.Exists(RunFolder(job)) ? Directory.GetFileSystemEntries(RunFolder(job)) : []);
    }

    [Fact]
    public async Task AFileLinkedOutsideIsNeitherListedNorServedAndAnUploadReplacesTheLinkNotTheCanary()
    {
        var job = await ClaimAsync(TinyJob.Settings());
        var run = Path.Combine(world.DataDirectory, "runs", $"job-{job.JobId}");
        Directory.CreateDirectory(run);
        File.CreateSymbolicLink(Path.Combine(run, "leak.ckpt"), world.Canary);
        var outside = world.Snapshot();

        using var listing = await SendAsync(HttpMethod.Get, job.Lease, "run");
        using var download = await SendAsync(HttpMethod.Get, job.Lease, "run/leak.ckpt");
        using var upload = await SendAsync(HttpMethod.Put, job.Lease, "run/leak.ckpt", [9, 9, 9]);

        Assert.Equal(HttpStatusCode.NotFound, listing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.DoesNotContain(world.Secret, await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        Assert.Null(new FileInfo(Path.Combine(run, "leak.ckpt")).LinkTarget);
        Assert.Equal(new byte[] { 9, 9, 9 }, await File.ReadAllBytesAsync(Path.Combine(run, "leak.ckpt")));
        Assert.Equal(outside, world.Snapshot());
    }

    [Fact]
    public async Task AJobFolderLinkedOutsideTakesNoUploadAndServesNothing()
    {
        var job = await ClaimAsync(TinyJob.Settings());
        Directory.CreateDirectory(Path.Combine(world.DataDirectory, "runs"));
        Directory.CreateSymbolicLink(Path.Combine(world.DataDirectory, "runs", $"job-{job.JobId}"), world.Outside);
        var outside = world.Snapshot();

        using var upload = await SendAsync(HttpMethod.Put, job.Lease, "run/checkpoint.ckpt", [1]);
        using var download = await SendAsync(HttpMethod.Get, job.Lease, "run/canary.txt");
        using var listing = await SendAsync(HttpMethod.Get, job.Lease, "run");

        Assert.Equal(HttpStatusCode.Conflict, upload.StatusCode);
        Assert.Contains("leaves the data directory", await ProblemText.ReadAllAsync(upload), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, listing.StatusCode);
        Assert.DoesNotContain(world.Secret, await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(outside, world.Snapshot());
    }

    [Fact]
    public async Task ABaseModelSwappedForALinkAfterQueuingIsNotHandedToTheWorker()
    {
        var job = await ClaimAsync(TinyJob.Settings() with { StartMode = JobStartMode.Base, BaseModel = "good" });
        var good = Path.Combine(world.BaseModels(), "good");
        Directory.Delete(good, recursive: true);
        Directory.CreateSymbolicLink(good, world.OutsideModel);

        using var listing = await SendAsync(HttpMethod.Get, job.Lease, "start");
        using var download = await SendAsync(HttpMethod.Get, job.Lease, "start/config.json");

        Assert.Equal(HttpStatusCode.NotFound, listing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.DoesNotContain(world.Secret, await listing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(world.Secret, await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private string RunFolder(JobAssignment job) => Path.Combine(world.DataDirectory, "runs", $"job-{job.JobId}");

    private async Task<JobAssignment> ClaimAsync(TrainingSettings settings)
    {
        await admin.QueueAsync(settings);
        return await worker.InvokeAsync<JobAssignment?>("ClaimJob", "gpu-box") ?? throw new InvalidOperationException("Nothing to claim.");
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, JobLease lease, string rest, byte[]? body = null)
    {
        var request = new HttpRequestMessage(method, $"/api/worker/jobs/{lease.JobId}/files/{rest}") { Content = body is null ? null : new ByteArrayContent(body) };
        request.Headers.Add(LeaseHeader, lease.LeaseId);
        return files.SendAsync(request);
    }
}
