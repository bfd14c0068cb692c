using Portal.Web.Tests.Support;
using Xunit.Abstractions;

namespace Portal.Web.Tests.BadInput.Import;

/// <summary>
/// A 1 GB import against the real portal process on Kestrel: it must answer 413 after reading about its limit
/// (16 MiB), not after the whole gigabyte, and its memory must not grow with the body.
/// </summary>
public sealed class OneGigabyteImportTests(ITestOutputHelper output)
{
    private const long OneGigabyte = 1L << 30;
    private const long MiB = 1L << 20;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AOneGigabyteBodyIsRefusedWith413LongBeforeItIsSentAndMemoryStaysFlat(bool declaresItsLength)
    {
        using var data = new TempDirectory();
        await using var portal = await PortalProcess.StartAsync(data.Path);
        using var admin = portal.CreateAdminClient();
        await admin.AddVerseAsync(1);
        var before = await LibraryFingerprint.TakeAsync(admin);
        var memory = new PortalMemory(portal.ProcessId);
        var residentBefore = memory.Resident;
        var body = new GeneratedBody(OneGigabyte);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var (status, sentWhenAnswered, answer) = await RawUpload.PostAsync(
            portal.BaseAddress, "/api/verses/import", PortalFactory.AdminToken, body, declaresItsLength ? OneGigabyte : null, limit.Token);

        Assert.True(status == 413, $"Expected 413, got: {answer}");
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("limit", answer, StringComparison.Ordinal);
        var growth = memory.Peak - residentBefore;
        output.WriteLine($"Content-Length {(declaresItsLength ? "declared" : "not declared")}: {sentWhenAnswered / (double)MiB:0.0} MiB sent before the 413; "
            + $"portal peak memory {growth / (double)MiB:+0.0;-0.0} MiB over its resident size before ({residentBefore / (double)MiB:0} MiB).");

        Assert.True(sentWhenAnswered < OneGigabyte / 16, $"The client had sent {sentWhenAnswered:N0} bytes when the portal answered.");
        Assert.True(growth < 200 * MiB, $"The portal's peak memory grew by {growth:N0} bytes.");
        Assert.Equal(before, await LibraryFingerprint.TakeAsync(admin));
    }
}
