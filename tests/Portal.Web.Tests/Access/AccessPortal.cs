using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tokens;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Access;

/// <summary>
/// One portal for the whole matrix (jobs stay queued: no worker), with a writer, another writer, the admin, the
/// worker token and a revoked token of the writer. Resources a call may change (a verse to edit or delete, a job to
/// cancel) are made fresh for each call, so that the order the cells run in does not matter.
/// </summary>
public sealed class AccessPortal : IAsyncLifetime
{
    private readonly Dictionary<Identity, HttpClient> sessions = [];
    private readonly SemaphoreSlim sessionLock = new(1, 1);
    private int unique;

    public PortalFactory Portal { get; } = TrainingPortal.WithoutWorker();

    public Writer Writer { get; private set; } = null!;

    public Writer OtherWriter { get; private set; } = null!;

    public string RevokedToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Writer = await Portal.CreateWriterAsync("matrix-writer");
        OtherWriter = await Portal.CreateWriterAsync("matrix-other");
        var tokens = Portal.Services.GetRequiredService<ApiTokenStore>();
        var revoked = await tokens.CreateAsync(Writer.Id, "revoked in the matrix");
        Assert.True(await tokens.RevokeAsync(Writer.Id, revoked.Info.Id));
        RevokedToken = revoked.Secret;
        using var admin = Portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2);
    }

    public async Task DisposeAsync()
    {
        foreach (var session in sessions.Values)
            session.Dispose();
        await Portal.DisposeAsync();
    }

    public static bool IsPerson(Identity identity) => identity is Identity.Writer or Identity.OtherWriter or Identity.Admin;

    /// <summary>The bearer token a script of this identity sends; null for anonymous.</summary>
    public string? TokenOf(Identity identity) => identity switch
    {
        Identity.Anonymous => null,
        Identity.Writer => Writer.Token,
        Identity.OtherWriter => OtherWriter.Token,
        Identity.Admin => PortalFactory.AdminToken,
        Identity.Worker => PortalFactory.WorkerToken,
        Identity.RevokedToken => RevokedToken,
        _ => throw new ArgumentOutOfRangeException(nameof(identity)),
    };

    /// <summary>A script's client: the identity's bearer token, redirects not followed. The caller disposes it.</summary>
    public HttpClient ScriptClient(Identity identity)
    {
        var client = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (TokenOf(identity) is { } token)
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>
    /// How this identity opens pages: people with a signed-in cookie session (kept for the fixture's life), the
    /// tokens as a script would send them. Do not dispose it.
    /// </summary>
    public async Task<HttpClient> BrowserAsync(Identity identity)
    {
        await sessionLock.WaitAsync();
        try
        {
            if (!sessions.TryGetValue(identity, out var client))
            {
                client = IsPerson(identity) ? await NewSignedInSessionAsync(identity) : ScriptClient(identity);
                sessions[identity] = client;
            }
            return client;
        }
        finally
        {
            sessionLock.Release();
        }
    }

    /// <summary>A session of its own, for a call that ends it (sign-out). The caller disposes it.</summary>
    public Task<HttpClient> NewSignedInSessionAsync(Identity identity) => identity switch
    {
        Identity.Writer => BrowserSession.SignInAsync(Portal, Writer.UserName, $"{Writer.UserName}-password"),
        Identity.OtherWriter => BrowserSession.SignInAsync(Portal, OtherWriter.UserName, $"{OtherWriter.UserName}-password"),
        Identity.Admin => BrowserSession.SignInAsync(Portal, PortalFactory.AdminUser, PortalFactory.AdminPassword),
        _ => throw new ArgumentOutOfRangeException(nameof(identity), "Only people sign in."),
    };

    public int Next() => Interlocked.Increment(ref unique);

    /// <summary>A new verse of <see cref="Writer"/>: its id and revision.</summary>
    public async Task<(int Id, int Revision)> NewVerseOfWriterAsync()
    {
        using var writer = Portal.CreateBearerClient(Writer.Token);
        var verse = await writer.AddVerseAsync(1000 + Next());
        return (verse.Id, verse.Revision);
    }

    /// <summary>A new queued job of <see cref="Writer"/> (distinct settings, so that it is not joined to another).</summary>
    public async Task<long> NewJobOfWriterAsync()
    {
        using var writer = Portal.CreateBearerClient(Writer.Token);
        return (await writer.QueueAsync(TinyJob.Settings(seed: 5000 + Next()))).Id;
    }

    public JsonContent VerseBody(string prefix, int? revision = null)
    {
        var n = 2000 + Next();
        return JsonContent.Create(new { prompt = $"{prefix} {Corpus.Prompt(n)}", lyrics = Corpus.Lyrics(n), revision }, options: PortalApi.Json);
    }
}
