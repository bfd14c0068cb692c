using System.Text;
using Portal.Web.Tests.Support;
using Xunit.Abstractions;

namespace Portal.Web.Tests.Durability;

/// <summary>
/// SIGKILL of the portal process (no shutdown code runs) at several moments of a large import over the real API,
/// then a restart on the same data directory: the import is all there or not there at all, and the verses from
/// before are intact. The import is one SQLite transaction in WAL mode with synchronous=FULL.
/// </summary>
public sealed class ImportKillTests(ITestOutputHelper output)
{
    private const int Earlier = 40;
    private const int Imported = 6_000;
    private const int FirstImported = 100_000;

    public enum KillMoment
    {
        /// <summary>Half the body has reached the socket; the server is still reading it.</summary>
        WhileTheBodyUploads,
        /// <summary>The whole body is sent; the server parses it.</summary>
        AsTheBodyIsSent,
        /// <summary>A second after the body is sent: the server checks the items and looks for duplicates.</summary>
        WhileTheServerChecksTheItems,
        /// <summary>The write-ahead log has grown by 128 KiB: the transaction's first pages are being written.</summary>
        EarlyInTheWrite,
        /// <summary>The log has grown by 1 MiB: most of the import is written, the commit is near.</summary>
        LateInTheWrite,
        /// <summary>The portal has answered 200: what it acknowledged must survive a kill.</summary>
        RightAfterTheAnswer,
    }

    [Theory]
    [InlineData(KillMoment.WhileTheBodyUploads)]
    [InlineData(KillMoment.AsTheBodyIsSent)]
    [InlineData(KillMoment.WhileTheServerChecksTheItems)]
    [InlineData(KillMoment.EarlyInTheWrite)]
    [InlineData(KillMoment.LateInTheWrite)]
    [InlineData(KillMoment.RightAfterTheAnswer)]
    public async Task AnImportKilledMidwayIsAllThereOrNotThereAtAll(KillMoment moment)
    {
        using var data = new TempDirectory();
        IReadOnlyDictionary<string, string> before;
        bool answered;
        await using (var portal = await PortalProcess.StartAsync(data.Path))
        {
            using var admin = portal.CreateAdminClient();
            var earlier = await (await admin.ImportAsync(Corpus.JsonArray([.. Enumerable.Range(1, Earlier)]))).ReadReportAsync();
            Assert.Equal(Earlier, earlier.Added);
            before = await Library.ExportAsync(admin);

            var content = new PacedContent(Encoding.UTF8.GetBytes(Corpus.JsonArray([.. Enumerable.Range(FirstImported, Imported)])));
            var wal = new DatabaseLog(data.Path);
            var request = admin.PostAsync("/api/verses/import", content);
            await content.HalfSent;
            if (moment != KillMoment.WhileTheBodyUploads)
            {
                content.Resume();
                await content.AllSent;
                wal.MarkStart();
                await WaitForAsync(moment, wal, request);
            }
            answered = request.IsCompletedSuccessfully && (await request).IsSuccessStatusCode;
            portal.Kill();
            content.Resume();
            await Task.WhenAny(request);
        }

        await using (var restarted = await PortalProcess.StartAsync(data.Path))
        {
            using var admin = restarted.CreateAdminClient();
            var after = await Library.ExportAsync(admin);
            var fromImport = after.Keys.Count(prompt => Corpus.NumberOf(prompt) >= FirstImported);
            output.WriteLine($"{moment}: {fromImport} of {Imported} imported verses after restart (response before the kill: {answered}).");

            Assert.True(fromImport is 0 or Imported, $"{fromImport} of the {Imported} verses of the killed import are in the library.");
            Assert.Equal(before, after.Where(verse => Corpus.NumberOf(verse.Key) < FirstImported).ToDictionary());
            Assert.Equal("ok", await Library.IntegrityCheckAsync(data.Path));
            if (answered)
                Assert.Equal(Imported, fromImport);
        }
    }

    private static async Task WaitForAsync(KillMoment moment, DatabaseLog wal, Task<HttpResponseMessage> request)
    {
        switch (moment)
        {
            case KillMoment.WhileTheServerChecksTheItems:
                await Task.Delay(1_000);
                break;
            case KillMoment.EarlyInTheWrite or KillMoment.LateInTheWrite:
                // Kill once the log has grown that much; an import that finishes first is killed just after it.
                var growth = moment == KillMoment.EarlyInTheWrite ? 128 * 1024 : 1024 * 1024;
                while (wal.Growth() < growth && !request.IsCompleted)
                    await Task.Delay(1);
                break;
            case KillMoment.RightAfterTheAnswer:
                using (var response = await request)
                    Assert.True(response.IsSuccessStatusCode, $"The import was refused: {(int)response.StatusCode}");
                break;
        }
    }

    /// <summary>How much portal.db-wal has grown since the body was sent: the server writing the import's pages.</summary>
    private sealed class DatabaseLog(string dataDirectory)
    {
        private readonly string path = Path.Combine(dataDirectory, "portal.db-wal");
        private long start;

        public void MarkStart() => start = Length();

        public long Growth() => Length() - start;

        private long Length()
        {
            var file = new FileInfo(path);
            return file.Exists ? file.Length : 0;
        }
    }
}
