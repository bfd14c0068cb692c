using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Versions;

/// <summary>
/// A stand-in for a deployed serving app on a loopback port: GET /version answers whatever the test last set, or 503
/// while nothing is set (a serving app still starting).
/// </summary>
internal sealed class FakeServingApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private volatile object? report;

    private FakeServingApp(WebApplication app) => this.app = app;

    public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<FakeServingApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var serving = new FakeServingApp(app);
        app.MapGet("/version", () => serving.report is { } current ? Results.Json(current) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync();
        return serving;
    }

    /// <summary>What GET /version answers from now on, as the serving app's JSON.</summary>
    public void Serve(int version, string commit) => report = new { version, commit, branch = "main" };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
