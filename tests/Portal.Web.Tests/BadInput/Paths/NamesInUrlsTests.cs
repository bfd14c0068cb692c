using System.Net;

namespace Portal.Web.Tests.BadInput.Paths;

/// <summary>The other names a user puts in a URL (export and download formats, version and job numbers): traversal is refused, never served.</summary>
public sealed class NamesInUrlsTests
{
    [Theory]
    [InlineData("/api/verses/export?format=..%2F..%2Fportal.db", HttpStatusCode.BadRequest, "Use format=json, jsonl or text.")]
    [InlineData("/api/verses/export?format=%2Fetc%2Fpasswd", HttpStatusCode.BadRequest, "Use format=json, jsonl or text.")]
    [InlineData("/api/versions/1/download?format=..%2F..%2Foutside%2Fcanary.txt", HttpStatusCode.BadRequest, "The format must be zip or gguf.")]
    [InlineData("/api/versions/%2e%2e/download", HttpStatusCode.NotFound, "")]
    [InlineData("/api/versions/..%2F..%2Foutside/download", HttpStatusCode.NotFound, "")]
    [InlineData("/api/training/jobs/%2e%2e%2f1/events", HttpStatusCode.NotFound, "")]
    public async Task ATraversalInAnotherUrlIsRefusedAndServesNothingFromOutside(string url, HttpStatusCode status, string phrase)
    {
        using var world = new OutsideWorld();
        await using var portal = PathPortal.On(world);
        using var admin = portal.CreateAdminClient();
        var outside = world.Snapshot();

        using var response = await admin.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(phrase, body, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Secret, body, StringComparison.Ordinal);
        Assert.Equal(outside, world.Snapshot());
    }
}
