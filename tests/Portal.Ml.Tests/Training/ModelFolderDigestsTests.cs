using System.Diagnostics;
using Portal.Ml.Formats;

namespace Portal.Ml.Tests.Training;

/// <summary>A model folder's files against the SHA-256 digests recorded beside it when it was written.</summary>
public class ModelFolderDigestsTests
{
    private static string ModelFolder()
    {
        var folder = Path.Combine(TinySetup.TempDirectory(), "job-3");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), """{"n_layer": 2}""");
        File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray());
        ModelFolderDigests.Record(folder);
        return folder;
    }

    [Fact]
    public void AnUntouchedFolderMatchesItsRecord()
    {
        var folder = ModelFolder();

        Assert.Empty(ModelFolderDigests.Verify(folder));
        Assert.Equal(Path.Combine(Path.GetDirectoryName(folder)!, "job-3.sha256"), ModelFolderDigests.PathFor(folder));
        Assert.Equal(["config.json", "model.safetensors"], ModelFolderDigests.Read(folder)!.Keys.Order());
    }

    [Fact]
    public void AByteFlippedInTheWeightsNamesTheFile()
    {
        var folder = ModelFolder();
        var weights = Path.Combine(folder, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(weights, bytes);

        var problem = Assert.Single(ModelFolderDigests.Verify(folder));
        Assert.StartsWith("model.safetensors is damaged: its SHA-256 is", problem);
    }

    [Fact]
    public void ATruncatedOrMissingFileIsNamed()
    {
        var folder = ModelFolder();
        var weights = Path.Combine(folder, "model.safetensors");
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..100]);
        File.Delete(Path.Combine(folder, "config.json"));

        Assert.Equal(["config.json is missing", "model.safetensors is damaged"], ModelFolderDigests.Verify(folder).Select(p => p.Split(':')[0]).Order());
    }

    [Fact]
    public void AFolderWithNoRecordHasNothingToCheck()
    {
        var folder = ModelFolder();
        File.Delete(ModelFolderDigests.PathFor(folder));

        Assert.Null(ModelFolderDigests.Read(folder));
        Assert.Empty(ModelFolderDigests.Verify(folder));
    }

    [Fact]
    public void ADigestFileThatIsNotInSha256sumFormatIsAProblem()
    {
        var folder = ModelFolder();
        File.WriteAllText(ModelFolderDigests.PathFor(folder), "not a digest\n");

        var problem = Assert.Single(ModelFolderDigests.Verify(folder));
        Assert.Contains("job-3.sha256 line 1", problem);
    }

    [Fact]
    public void TheRecordChecksWithSha256sumByHand()
    {
        var folder = ModelFolder();
        var check = new ProcessStartInfo("sha256sum") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        check.ArgumentList.Add("-c");
        check.ArgumentList.Add(ModelFolderDigests.PathFor(folder));

        using var process = Process.Start(check)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("model.safetensors: OK", output);
    }
}
