using System.IO.Compression;
using Portal.Core.Versions;
using Portal.Ml.Formats.Gguf;
using Portal.Ml.Model;
using Portal.Ml.Runtime;
using Portal.Ml.Tokenization;
using Portal.Web.Services.Training;

namespace Portal.Web.Services.Versions;

/// <summary>
/// A version's model as one file: a zip of its Hugging Face folder, or a GGUF file for llama.cpp and Ollama. Built
/// from the files of the version's tag, so that what is downloaded is what was deployed, not a candidate folder
/// that might have changed since.
/// </summary>
public sealed class ModelDownloads(IDeployRepository repository, IModelVersionStore versions, TrainingFolders folders)
{
    /// <summary>The finished file, or null when there is no such version. The caller deletes the file once sent.</summary>
    public async Task<ModelDownload?> CreateAsync(int number, DownloadFormat format, CancellationToken cancellationToken = default)
    {
        if (await versions.FindAsync(number, cancellationToken) is null)
            return null;
        var name = "verse-model-" + VersionTag.Of(number);
        // Under the data directory rather than /tmp: a container's /tmp is often a small memory disk.
        var root = Path.Combine(folders.DataDirectory, "tmp", "downloads");
        var work = Path.Combine(root, Guid.NewGuid().ToString("N"));
        var modelFolder = Path.Combine(work, name);
        Directory.CreateDirectory(modelFolder);
        string? file = null;
        try
        {
            await repository.ExportModelAsync(number, modelFolder, cancellationToken);
            file = Path.Combine(root, Path.GetFileName(work) + (format == DownloadFormat.Gguf ? ".gguf" : ".zip"));
            if (format == DownloadFormat.Gguf)
            {
                var target = file;
                await DedicatedThread.Run("Portal GGUF export", () => WriteGguf(modelFolder, target, name));
                return new ModelDownload(file, name + ".gguf", "application/octet-stream");
            }
            // The weights hardly compress; the folder inside keeps the files together when unzipped.
            await Task.Run(() => ZipFile.CreateFromDirectory(modelFolder, file, CompressionLevel.Fastest, includeBaseDirectory: true), cancellationToken);
            return new ModelDownload(file, name + ".zip", "application/zip");
        }
        catch
        {
            if (file is not null)
                File.Delete(file);
            throw;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static bool WriteGguf(string modelFolder, string file, string name)
    {
        var tokenizer = Gpt2Tokenizer.LoadFolder(modelFolder);
        var (model, config) = HfCheckpoint.Load(modelFolder, TorchDevices.Preferred());
        using (model)
        {
            // F32: the exact weights that were trained; llama.cpp quantises from there if the user wants smaller.
            GgufWriter.WriteGpt2(file, config, HfGptWeights.Export(model), tokenizer.Tokens, tokenizer.Merges,
                tokenizer.EndOfTextId, tokenizer.EndOfTextId, GgufFloatType.F32, name);
        }
        return true;
    }
}
