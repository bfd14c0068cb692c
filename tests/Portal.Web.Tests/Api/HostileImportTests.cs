using System.Net;
using System.Text;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>Files that are broken or built to hurt: each gets a clear 4xx and leaves the library as it was.</summary>
public sealed class HostileImportTests
{
    [Fact]
    public async Task InvalidUtf8IsRefusedAndChangesNothing()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();
        await client.AddVerseAsync(1);
        var file = Encoding.UTF8.GetBytes(Corpus.JsonArray(2, 3));
        file[file.Length / 2] = 0xFF;

        using var response = await client.ImportAsync(file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await client.CountVersesAsync());
    }

    [Fact]
    public async Task DeeplyNestedJsonIsRefusedAndChangesNothing()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();
        await client.AddVerseAsync(1);
        var file = new string('[', 10_000) + new string(']', 10_000);

        using var response = await client.ImportAsync(file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nests", (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await client.CountVersesAsync());
    }

    [Fact]
    public async Task ABodyOverTheSizeLimitAnswers413AndChangesNothing()
    {
        await using var portal = new PortalFactory { Setup = new PortalSetup { Settings = new Dictionary<string, string> { ["Portal:Import:MaxBytes"] = "2048" } } };
        using var client = portal.CreateAdminClient();
        await client.AddVerseAsync(1);
        var file = Corpus.JsonArray([.. Enumerable.Range(2, 20)]);
        Assert.True(Encoding.UTF8.GetByteCount(file) > 2048, "The test file must be over the limit.");

        using var response = await client.ImportAsync(file);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("large", (await response.ReadProblemAsync()).GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await client.CountVersesAsync());
    }

    [Fact]
    public async Task AFileJustUnderTheSizeLimitIsStillImported()
    {
        await using var portal = new PortalFactory { Setup = new PortalSetup { Settings = new Dictionary<string, string> { ["Portal:Import:MaxBytes"] = "2048" } } };
        using var client = portal.CreateAdminClient();
        var file = Corpus.JsonArray(1, 2);
        Assert.True(Encoding.UTF8.GetByteCount(file) <= 2048, "The test file must be within the limit.");

        using var response = await client.ImportAsync(file);

        Assert.Equal(2, (await response.ReadReportAsync()).Added);
    }
}
