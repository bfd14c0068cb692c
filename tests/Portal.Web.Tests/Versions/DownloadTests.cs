using System.IO.Compression;
using System.Net;
using Portal.Core.Versions;
using Portal.Ml.Formats.Gguf;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Versions;

/// <summary>GET /api/versions/{n}/download: the model of a version's tag as a zip or a GGUF file.</summary>
[Collection(VersionRuns.Name)]
public sealed class DownloadTests(TrainedCandidates trained)
{
    [Fact]
    public async Task TheZipHoldsTheModelFilesOfTheVersion()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        await admin.PromoteAsync(trained.Passing.Id);
        var candidate = Path.Combine(portal.DataDirectory, trained.Passing.CandidatePath!);

        using var response = await admin.GetAsync("/api/versions/1/download?format=zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("verse-model-v1.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var expected = Directory.GetFiles(candidate).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(expected.Select(name => "verse-model-v1/" + name), zip.Entries.Select(e => e.FullName).Order());
        Assert.Contains("model.safetensors", expected);
        foreach (var entry in zip.Entries)
        {
            using var unpacked = new TempDirectory();
            var file = Path.Combine(unpacked.Path, entry.Name);
            entry.ExtractToFile(file);
            Assert.Equal(ManifestFiles.Sha256Of(Path.Combine(candidate, entry.Name)), ManifestFiles.Sha256Of(file));
        }
    }

    [Fact]
    public async Task TheGgufFileIsAGgufModel()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        await admin.PromoteAsync(trained.Passing.Id);

        using var response = await admin.GetAsync("/api/versions/1/download?format=gguf");
        using var scratch = new TempDirectory();
        var file = Path.Combine(scratch.Path, "model.gguf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verse-model-v1.gguf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var gguf = GgufReader.Read(file);
        Assert.Equal("gpt2", gguf.Metadata["general.architecture"]);
        Assert.Equal("verse-model-v1", gguf.Metadata["general.name"]);
        Assert.Contains(gguf.Tensors, t => t.Name == "token_embd.weight");
    }

    [Fact]
    public async Task AnUnknownFormatOrVersionIsRefused()
    {
        await using var portal = trained.Start();
        using var admin = portal.CreateAdminClient();
        await admin.PromoteAsync(trained.Passing.Id);

        using var badFormat = await admin.GetAsync("/api/versions/1/download?format=tar");
        using var unknown = await admin.GetAsync("/api/versions/2/download?format=zip");

        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
