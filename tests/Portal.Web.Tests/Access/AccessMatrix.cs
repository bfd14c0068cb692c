using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Core.Training;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Access;

/// <summary>
/// Every page, API endpoint and hub method of the portal, with who may use it. <see cref="EndpointCoverageTests"/>
/// fails for any endpoint the app maps that is missing here, so a new one cannot ship without its row.
/// Calls that an identity may make either succeed or, where success needs data the matrix does not build (a trained
/// model, a version, a worker's lease), are refused on the merits with a message the row names.
/// </summary>
public static class AccessMatrix
{
    private const string Missing = "999999";

    public static IReadOnlyList<HttpRow> Http { get; } =
    [
        // Liveness is public.
        Api("GET", "/healthz", Rule.Everyone(200), _ => Path("/healthz")),

        // Verses: everyone signed in reads; only the owner and admins change a verse.
        Api("GET", "/api/verses/", Rule.People(200), _ => Path("/api/verses")),
        Api("POST", "/api/verses/", Rule.People(201), p => Body("/api/verses", p.VerseBody("Matrix new"))),
        Api("GET", "/api/verses/{id:int}", Rule.People(200), async p => Path($"/api/verses/{(await p.NewVerseOfWriterAsync()).Id}")),
        Api("PUT", "/api/verses/{id:int}", Rule.OwnerOrAdmin(200), async p =>
        {
            var (id, revision) = await p.NewVerseOfWriterAsync();
            return Body($"/api/verses/{id}", p.VerseBody("Matrix edit", revision));
        }),
        Api("DELETE", "/api/verses/{id:int}", Rule.OwnerOrAdmin(204), async p => Path($"/api/verses/{(await p.NewVerseOfWriterAsync()).Id}")),
        Api("POST", "/api/verses/import", Rule.People(200), p => Body("/api/verses/import", JsonContent.Create(
            new[] { new { prompt = $"Matrix import {Corpus.Prompt(3000 + p.Next())}", lyrics = Corpus.Lyrics(3) } }))),
        Api("GET", "/api/verses/export", Rule.People(200), _ => Path("/api/verses/export?format=json")),

        // Training jobs: everyone signed in queues and reads; only the requester and admins cancel.
        Api("POST", "/api/training/jobs/", Rule.People(202), p => Body("/api/training/jobs",
            JsonContent.Create(TinyJob.Request(TinyJob.Settings(seed: 7000 + p.Next())), options: TrainingApi.Json))),
        Api("GET", "/api/training/jobs/", Rule.People(200), _ => Path("/api/training/jobs")),
        Api("GET", "/api/training/jobs/{id:long}", Rule.People(200), async p => Path($"/api/training/jobs/{await p.NewJobOfWriterAsync()}")),
        Api("DELETE", "/api/training/jobs/{id:long}", Rule.OwnerOrAdmin(200), async p => Path($"/api/training/jobs/{await p.NewJobOfWriterAsync()}")),
        Api("GET", "/api/training/jobs/{id:long}/events", Rule.People(200), async p => Path($"/api/training/jobs/{await p.NewJobOfWriterAsync()}/events?after=0")),

        // A worker's files: worker tokens only, and then only under the job's current lease (none here: 409).
        Api("GET", "/api/worker/jobs/{id:long}/files/{area}", Rule.Workers(409, "Lease not current"),
            async p => Path($"/api/worker/jobs/{await p.NewJobOfWriterAsync()}/files/run")),
        Api("GET", "/api/worker/jobs/{id:long}/files/{area}/{name}", Rule.Workers(409, "Lease not current"),
            async p => Path($"/api/worker/jobs/{await p.NewJobOfWriterAsync()}/files/run/checkpoint.ckpt")),
        Api("PUT", "/api/worker/jobs/{id:long}/files/{area}/{name}", Rule.Workers(409, "Lease not current"),
            async p => Body($"/api/worker/jobs/{await p.NewJobOfWriterAsync()}/files/run/checkpoint.ckpt", new ByteArrayContent([1, 2, 3]))),

        // Versions: everyone signed in reads; admins promote, roll back and push (no version exists here: 404).
        Api("GET", "/api/versions/", Rule.People(200), _ => Path("/api/versions")),
        Api("GET", "/api/versions/serving", Rule.People(200), _ => Path("/api/versions/serving")),
        Api("GET", "/api/versions/{number:int}", Rule.People(404, "Version not found"), _ => Path($"/api/versions/{Missing}")),
        Api("GET", "/api/versions/{number:int}/download", Rule.People(404, "Version not found"), _ => Path($"/api/versions/{Missing}/download?format=zip")),
        Api("POST", "/api/versions/", Rule.AdminOnly(404, Missing), _ => Body("/api/versions", JsonContent.Create(new { jobId = long.Parse(Missing), note = "matrix" }))),
        Api("POST", "/api/versions/{number:int}/rollback", Rule.AdminOnly(404, Missing), _ => Body($"/api/versions/{Missing}/rollback", JsonContent.Create(new { note = "matrix" }))),
        Api("POST", "/api/versions/{number:int}/push", Rule.AdminOnly(404, Missing), _ => Body($"/api/versions/{Missing}/push", null)),

        // Generation: everyone signed in (no such candidate here: 404).
        Api("POST", "/api/generate/", Rule.People(404, "Unknown model"), _ => Body("/api/generate", GenerateBody())),
        Api("POST", "/api/generate/stream", Rule.People(404, "Unknown model"), _ => Body("/api/generate/stream", GenerateBody())),

        // Admins: the audit log and database backups (no backup of that name: 404).
        Api("GET", "/api/audit", Rule.AdminOnly(200), _ => Path("/api/audit")),
        Api("GET", "/api/backups/", Rule.AdminOnly(200), _ => Path("/api/backups")),
        Api("POST", "/api/backups/", Rule.AdminOnly(201), _ => Body("/api/backups", null)),
        Api("GET", "/api/backups/{name}", Rule.AdminOnly(404, "No such backup"), _ => Path("/api/backups/portal-19990101T000000Z.db")),
        Api("DELETE", "/api/backups/{name}", Rule.AdminOnly(404, "No such backup"), _ => Path("/api/backups/portal-19990101T000000Z.db")),

        // The training hub's HTTP side; its methods are the hub rows below.
        Api("POST", "/hubs/training/negotiate", Who(people: 200, worker: 200), _ => Path("/hubs/training/negotiate?negotiateVersion=1")),

        // Blazor's own endpoints: the circuit hub is open to all (each page checks access inside the circuit).
        Api("POST", "/_blazor/negotiate", Rule.Everyone(200), _ => Path("/_blazor/negotiate?negotiateVersion=1")),
        Api("GET", "/_blazor", Rule.Everyone(400), _ => Path("/_blazor")),
        Api("POST", "/_blazor/disconnect/", Rule.Everyone(400), _ => Body("/_blazor/disconnect/", new FormUrlEncodedContent(new Dictionary<string, string>()))),
        Api("GET", "/_blazor/initializers/", Rule.Everyone(200), _ => Path("/_blazor/initializers/")),
        Api("GET", "/_framework/opaque-redirect", Rule.Everyone(400), _ => Path("/_framework/opaque-redirect")),
        // Development only: files the build's manifest does not list; none by that name.
        Api("GET", "{**path:file}", Rule.Everyone(404), _ => Path("/no-such-file.txt")),
        Api("HEAD", "{**path:file}", Rule.Everyone(404), _ => Path("/no-such-file.txt")),

        // Sign-out needs the form's antiforgery token (AntiforgeryTests), not a session: it signs out whoever asks.
        new("POST", "/account/logout", Rule.Everyone(302, Expected.SignIn), SignOutAsync),

        // Pages. A POST to a page is a form post; without the form's antiforgery token it is refused (400).
        .. Page("/", Rule.PersonPage(200), Rule.FormPostWithoutToken(Rule.PersonPage(200))),
        .. Page("/verses", Rule.PersonPage(200), Rule.FormPostWithoutToken(Rule.PersonPage(200))),
        .. Page("/retrain", Rule.PersonPage(200), Rule.FormPostWithoutToken(Rule.PersonPage(200))),
        .. Page("/retrain/jobs/{Id:long}", Rule.PersonPage(200), Rule.FormPostWithoutToken(Rule.PersonPage(200)), async p => $"/retrain/jobs/{await p.NewJobOfWriterAsync()}"),
        .. Page("/versions", Rule.PersonPage(200), Rule.FormPostWithoutToken(Rule.PersonPage(200))),
        .. Page("/versions/{Number:int}", Rule.PersonPage(200), Rule.FormPostWithoutToken(Rule.PersonPage(200)), _ => Task.FromResult($"/versions/{Missing}")),
        .. Page("/playground", Rule.PersonPage(200), Rule.FormPostWithoutToken(Rule.PersonPage(200))),
        .. Page("/profile", Rule.PersonPage(200), Rule.FormPostWithoutToken(Rule.PersonPage(200))),
        .. Page("/admin/users", Rule.AdminPage(200), Rule.FormPostWithoutToken(Rule.AdminPage(200))),
        .. Page("/admin/training", Rule.AdminPage(200), Rule.FormPostWithoutToken(Rule.AdminPage(200))),
        .. Page("/admin/audit", Rule.AdminPage(200), Rule.FormPostWithoutToken(Rule.AdminPage(200))),
        .. Page("/admin/backups", Rule.AdminPage(200), Rule.FormPostWithoutToken(Rule.AdminPage(200))),
        .. Page("/account/login", Rule.Everyone(200), Rule.Everyone(400)),
        .. Page("/account/denied", Rule.Everyone(200), Rule.Everyone(400)),
        .. Page("/account/invite/{Code}", Rule.Everyone(200), Rule.Everyone(400), _ => Task.FromResult("/account/invite/not-an-invitation")),
        // The portal is set up (it has an admin), so the set-up page sends everyone to sign in.
        .. Page("/setup", Rule.Everyone(302, Expected.SignIn), Rule.Everyone(400)),
        .. Page("/not-found", Rule.Everyone(200), Rule.Everyone(400)),
        .. Page("/error", Rule.Everyone(200), Rule.Everyone(400)),
    ];

    public static IReadOnlyList<HubRow> Hub { get; } =
    [
        new("WatchAll", ForWorkers: false, (hub, _) => hub.InvokeAsync("WatchAll")),
        new("WatchJob", ForWorkers: false, async (hub, p) => await hub.InvokeAsync("WatchJob", await p.NewJobOfWriterAsync())),
        new("GetEvents", ForWorkers: false, async (hub, p) => await hub.InvokeAsync<List<JobEvent>>("GetEvents", await p.NewJobOfWriterAsync(), 0L)),
        new("ClaimJob", ForWorkers: true, (hub, _) => hub.InvokeAsync<JobAssignment?>("ClaimJob", "matrix-worker")),
        new("Heartbeat", ForWorkers: true, async (hub, p) => await hub.InvokeAsync<LeaseStatus>("Heartbeat", new JobLease(await p.NewJobOfWriterAsync(), "not-a-lease"))),
        new("ReportEvents", ForWorkers: true, async (hub, p) => await hub.InvokeAsync<bool>("ReportEvents",
            new JobLease(await p.NewJobOfWriterAsync(), "not-a-lease"), new List<JobEventData> { JobEventData.Log("matrix") })),
        new("CompleteJob", ForWorkers: true, async (hub, p) => await hub.InvokeAsync<bool>("CompleteJob",
            new JobLease(await p.NewJobOfWriterAsync(), "not-a-lease"), JobOutcome.Failed("matrix"))),
    ];

    /// <summary>
    /// Endpoints covered by a whole group of tests rather than one row: the training hub's connection (the hub rows
    /// call every method through it) and the build's static assets (open to all, like any web server's files).
    /// </summary>
    public static bool IsCoveredAsAWhole(Microsoft.AspNetCore.Routing.RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText == Portal.Web.Hubs.TrainingHub.Path
        || endpoint.Metadata.Any(item => item.GetType().Name == "StaticAssetDescriptor");

    public static HttpRow Row(string key) => Http.Single(row => row.Key == key);

    public static HubRow HubMethod(string name) => Hub.Single(row => row.Method == name);

    private static (string Path, HttpContent? Body) Path(string path) => (path, null);

    private static (string Path, HttpContent? Body) Body(string path, HttpContent? body) => (path, body);

    private static JsonContent GenerateBody() =>
        JsonContent.Create(new { prompt = "Reflective verse about a harbour in the rain", candidate = long.Parse(Missing), maxNewTokens = 8 });

    private static Func<Identity, Expected> Who(int people, int worker) => identity => identity switch
    {
        Identity.Anonymous or Identity.RevokedToken => new(401),
        Identity.Worker => new(worker),
        _ => new(people),
    };

    private static HttpRow Api(string method, string route, Func<Identity, Expected> expect, Func<AccessPortal, (string Path, HttpContent? Body)> request) =>
        Api(method, route, expect, p => Task.FromResult(request(p)));

    private static HttpRow Api(string method, string route, Func<Identity, Expected> expect, Func<AccessPortal, Task<(string Path, HttpContent? Body)>> request) =>
        new(method, route, expect, async (portal, identity) =>
        {
            var (path, body) = await request(portal);
            using var client = portal.ScriptClient(identity);
            return await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body });
        });

    /// <summary>A page's GET, and a form POST without the form's antiforgery token: whoever passes the access rule gets 400.</summary>
    private static IEnumerable<HttpRow> Page(string route, Func<Identity, Expected> get, Func<Identity, Expected> postWithoutToken, Func<AccessPortal, Task<string>>? path = null)
    {
        path ??= _ => Task.FromResult(route);
        yield return new("GET", route, get, async (portal, identity) =>
            await (await portal.BrowserAsync(identity)).GetAsync(await path(portal)));
        yield return new("POST", route, postWithoutToken, async (portal, identity) =>
            await (await portal.BrowserAsync(identity)).PostAsync(await path(portal), new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "matrix" })));
    }

    private static async Task<HttpResponseMessage> SignOutAsync(AccessPortal portal, Identity identity)
    {
        using var client = AccessPortal.IsPerson(identity) ? await portal.NewSignedInSessionAsync(identity) : portal.ScriptClient(identity);
        var token = await FormPost.ReadTokenAsync(client, "/account/login");
        return await FormPost.SendAsync(client, "/account/logout", new Dictionary<string, string> { [FormPost.TokenField] = token });
    }
}
