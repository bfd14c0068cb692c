using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Serving.Tests.Support;

namespace Portal.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class ModelFolderModeTests(ServingFixture fixture)
{
    [Fact]
    public async Task ACheckoutOfTheDeployRepositoryIsVerifiedAndServed()
    {
        using var checkout = new TempFolder("serving-checkout-");
        DeployCheckout.Write(checkout.Path, 4, fixture.Models.First);
        await using var host = await ServingHost.StartAsync(["--model", checkout.Path]);

        var report = await host.WaitForVersionAsync(report => report.Version is not null, "the checkout to be served");
        var generated = await host.GenerateAsync(new { prompt = "rain", maxNewTokens = 5 });
        var (status, health) = await host.HealthAsync();

        Assert.Equal(4, report.Version);
        Assert.Null(report.Commit);
        Assert.Null(report.Branch);
        Assert.Null(report.LastError);
        Assert.Equal((4, null), (generated.Version, generated.Commit));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, health.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task AGitCheckoutIsServedWithItsCommit()
    {
        using var checkout = new TempFolder("serving-checkout-");
        Git.Run(checkout.Path, "init", "--quiet", "--initial-branch=main");
        DeployCheckout.Write(checkout.Path, 1, fixture.Models.First);
        Git.Run(checkout.Path, "add", "--all");
        Git.Run(checkout.Path, "commit", "--quiet", "-m", "v1");
        var commit = Git.Run(checkout.Path, "rev-parse", "HEAD");
        await using var host = await ServingHost.StartAsync(["--model", checkout.Path]);

        var report = await host.WaitForVersionAsync(report => report.Version is not null, "the checkout to be served");

        Assert.Equal(commit, report.Commit);
        Assert.Equal(commit, (await host.GenerateAsync(new { prompt = "rain", maxNewTokens = 2 })).Commit);
    }

    [Fact]
    public async Task ATamperedFileKeepsTheServiceFromServingAndSaysWhy()
    {
        using var checkout = new TempFolder("serving-checkout-");
        DeployCheckout.Write(checkout.Path, 1, fixture.Models.First);
        DeployCheckout.FlipWeightByte(checkout.Path);
        await using var host = await ServingHost.StartAsync(["--model", checkout.Path]);

        var (status, health) = await Eventually.MatchAsync(host.HealthAsync,
            answer => answer.Body.GetProperty("status").GetString() != "loading", "the checkout to be checked");
        using var refused = await host.Client.PostAsJsonAsync("/generate", new { prompt = "rain" });
        var report = await host.VersionAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("failed", health.GetProperty("status").GetString());
        Assert.Contains("model/model.safetensors: sha256 does not match the manifest", health.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Null(report.Version);
        Assert.Equal(health.GetProperty("error").GetString(), report.LastError);
    }

    [Fact]
    public async Task ABareModelFolderIsRefusedWithAHint()
    {
        await using var host = await ServingHost.StartAsync(["--model", fixture.Models.First]);

        var (status, health) = await Eventually.MatchAsync(host.HealthAsync,
            answer => answer.Body.GetProperty("status").GetString() != "loading", "the folder to be checked");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("manifest.json is missing", health.GetProperty("error").GetString());
        Assert.Contains("checkout of the deploy repository", health.GetProperty("error").GetString());
    }

    [Fact]
    public async Task HealthSaysLoadingWithNoErrorBeforeTheModelIsReady()
    {
        using var checkout = new TempFolder("serving-checkout-");
        DeployCheckout.Write(checkout.Path, 1, fixture.Models.First);
        using var gate = new ManualResetEventSlim();
        await using var host = await ServingHost.StartAsync(["--model", checkout.Path], new HeldLoader(gate));
        try
        {
            var (status, health) = await host.HealthAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal(JsonSerializer.Serialize(new { status = "loading" }), health.GetRawText());
        }
        finally
        {
            gate.Set();
        }
        await host.WaitForVersionAsync(report => report.Version == 1, "the model to load once let go");
    }
}
