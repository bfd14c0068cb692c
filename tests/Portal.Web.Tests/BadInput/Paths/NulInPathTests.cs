using System.Net;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BadInput.Paths;

/// <summary>
/// A NUL in a file name can only come in a URL, and the test server's client refuses to send one, so these go to the
/// real portal process on Kestrel.
/// </summary>
public sealed class NulInPathTests
{
    [Fact]
    public async Task ANulInAFileNameOrAVersionIsRefusedWith400AndServesNothing()
    {
        using var world = new OutsideWorld();
        await using var portal = await PortalProcess.StartAsync(world.DataDirectory);
        using var worker = portal.CreateBearerClient(PortalFactory.WorkerToken);
        using var admin = portal.CreateAdminClient();
        var outside = world.Snapshot();

        using var read = await worker.GetAsync("/api/worker/jobs/1/files/run/canary.txt%00.ckpt");
        using var write = await worker.PutAsync("/api/worker/jobs/1/files/run/%00", new ByteArrayContent([1, 2, 3]));
        using var version = await admin.GetAsync("/api/versions/1%00/download");

        foreach (var response in new[] { read, write, version })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain(world.Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(outside, world.Snapshot());
    }
}
