using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Versions;
using Portal.GitOps.Tests.Support;
using Portal.Web.Tests.Access;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Secrets;

/// <summary>
/// The deploy token, the admin's API token and the worker token reach only where they are used. After a push that
/// fails (a wrong token, or a remote that refuses the push), none of them is in any log line at any level, in the
/// HTML of any page an admin can open, in any API answer about versions, jobs or the audit log, in the errors stored
/// on versions, in the deploy repository's files and manifest, or anywhere in the data directory, database included.
/// </summary>
[Collection(VersionRuns.Name)]
public sealed class SecretsStayHiddenTests(TrainedCandidates trained)
{
    public enum Failure
    {
        WrongToken,
        RejectedPush,
    }

    [Theory]
    [InlineData(Failure.WrongToken)]
    [InlineData(Failure.RejectedPush)]
    public async Task NoSecretAppearsInLogsPagesAnswersFilesOrTheDatabaseAfterAFailedPush(Failure failure)
    {
        using var server = new GitHttpServer();
        var repository = server.CreateRepository();
        if (failure == Failure.RejectedPush)
            server.RejectPushes(repository, "protected branch: deploys need a review");
        var secrets = new Dictionary<string, string>
        {
            ["git token"] = failure == Failure.WrongToken ? "wrong-" + Guid.NewGuid().ToString("N") : server.Password,
            ["admin API token"] = "admin-api-" + Guid.NewGuid().ToString("N"),
            ["worker token"] = "worker-" + Guid.NewGuid().ToString("N"),
        };
        var logs = new LogCapture();
        await using var portal = trained.Start(settings: Settings(server.UrlOf(repository), secrets),
            services: services => services.AddSingleton<ILoggerProvider>(logs));
        using var admin = portal.Portal.CreateBearerClient(secrets["admin API token"]);
        var search = new SecretSearch();

        using (var promote = await admin.PostPromoteAsync(trained.Passing.Id, "Pushed to a remote that will not take it"))
            search.AddText("the answer to POST /api/versions", await promote.Content.ReadAsStringAsync());
        using (var retry = await admin.PostPushAsync(1))
            search.AddText("the answer to POST /api/versions/1/push", await retry.Content.ReadAsStringAsync());
        var queued = await admin.QueueAsync(TrainedCandidates.FailingSettings with { Seed = 7 });
        await UseWorkerTokenAsync(portal.Portal, secrets["worker token"], search);

        var jobs = await admin.GetJobsAsync();
        string[] answers =
        [
            "/api/versions", "/api/versions/1", "/api/versions/serving", "/api/training/jobs", "/api/audit",
            .. jobs.SelectMany(job => new[] { $"/api/training/jobs/{job.Id}", $"/api/training/jobs/{job.Id}/events" }),
        ];
        foreach (var path in answers)
            search.AddText("the answer to GET " + path, await admin.GetStringAsync(path));

        using var browser = await BrowserSession.SignInAsync(portal.Portal, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        var pages = new Dictionary<string, string>();
        foreach (var route in PageRoutes(jobs.Select(j => j.Id)))
        {
            using var page = await browser.GetAsync(route);
            pages[route] = await page.Content.ReadAsStringAsync();
            search.AddText($"the page {route} ({(int)page.StatusCode})", pages[route]);
        }

        search.AddFolder(portal.DataDirectory);
        search.AddText("the log", logs.Text);

        // The search means something only if the push really failed as intended and everything was really there to read.
        var version = (await admin.ListVersionsAsync()).Single();
        Assert.Equal(PushState.Committed, version.PushState);
        Assert.Contains(failure == Failure.WrongToken ? "Authentication failed" : "refused the push", version.PushError, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, "deploy", VersionManifest.FileName)), "The version was not committed to the deploy clone.");
        Assert.Contains("committed but not pushed", logs.Text, StringComparison.Ordinal);
        Assert.Contains("Microsoft.AspNetCore.Routing", logs.Text, StringComparison.Ordinal);
        Assert.Contains(queued.Id, jobs.Select(j => j.Id));
        Assert.Contains("v1", pages["/versions"], StringComparison.Ordinal);
        Assert.Contains("audit-table", pages["/admin/audit"], StringComparison.Ordinal);
        Assert.Contains("worker-tokens", pages["/admin/training"], StringComparison.Ordinal);
        var leaks = search.Find(secrets);
        Assert.True(leaks.Count == 0, $"Searched {search.Count} places; found:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task TheSearchFindsATokenThatALogLineOrTheDatabaseHolds()
    {
        var token = "admin-api-" + Guid.NewGuid().ToString("N");
        var logs = new LogCapture();
        await using var portal = new PortalFactory
        {
            Setup = new PortalSetup
            {
                Settings = new Dictionary<string, string> { ["PORTAL_API_TOKEN"] = token },
                Services = services => services.AddSingleton<ILoggerProvider>(logs),
            },
        };
        using var admin = portal.CreateBearerClient(token);
        using (var added = await admin.PostAsJsonAsync("/api/verses", new { prompt = "A prompt that quotes a secret", lyrics = "the token is\n" + token + "\nand then\nthe rest" }, PortalApi.Json))
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        portal.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Careless").LogWarning("Using {Token}", token);
        var search = new SecretSearch();

        search.AddText("the log", logs.Text);
        search.AddFolder(portal.DataDirectory);
        var leaks = search.Find(new Dictionary<string, string> { ["admin API token"] = token });

        Assert.Contains(leaks, leak => leak.StartsWith("admin API token (whole) in the log", StringComparison.Ordinal));
        Assert.Contains(leaks, leak => leak.StartsWith("admin API token (whole) in portal.db", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Settings(string remoteUrl, IReadOnlyDictionary<string, string> secrets) => new()
    {
        ["Portal:Deploy:RemoteUrl"] = remoteUrl,
        ["Portal:Deploy:UserName"] = GitHttpServer.UserName,
        ["PORTAL_DEPLOY_TOKEN"] = secrets["git token"],
        ["PORTAL_API_TOKEN"] = secrets["admin API token"],
        ["PORTAL_WORKER_TOKEN"] = secrets["worker token"],
        // Every level of every category, the framework's included: request lines carry URLs, EF carries SQL.
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
    };

    /// <summary>The worker token as a browser sends it to the hub (in the URL) and as a worker sends it to the file API.</summary>
    private static async Task UseWorkerTokenAsync(PortalFactory portal, string workerToken, SecretSearch search)
    {
        using var anonymous = portal.CreateClient();
        using var negotiate = await anonymous.PostAsync($"/hubs/training/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(workerToken)}", null);
        search.AddText("the answer to the hub's negotiate", await negotiate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        using var worker = portal.CreateBearerClient(workerToken);
        using var files = await worker.GetAsync("/api/worker/jobs/1/files/checkpoints");
        search.AddText("the answer to the worker file API", await files.Content.ReadAsStringAsync());
    }

    /// <summary>Every routed page of the portal, parameters filled in with the version and jobs that exist.</summary>
    private static IEnumerable<string> PageRoutes(IEnumerable<long> jobIds)
    {
        var templates = typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes<RouteAttribute>(inherit: false))
            .Select(route => route.Template)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var template in templates)
        {
            if (template.Contains("{Number", StringComparison.Ordinal))
                yield return template[..template.IndexOf('{')] + "1";
            else if (template.Contains("{Id", StringComparison.Ordinal))
                foreach (var id in jobIds)
                    yield return template[..template.IndexOf('{')] + id;
            else if (!template.Contains('{'))
                yield return template;
        }
    }
}
