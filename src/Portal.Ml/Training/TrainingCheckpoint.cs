using System.Text;
using System.Text.Json;
using Portal.Ml.Formats;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Portal.Ml.Training;

/// <summary>
/// One file that resumes a run exactly: state (JSON), model weights, AdamW moments and steps, and libtorch's RNG
/// state (the data order needs none: it is a function of seed and position). Written to a temporary file and
/// renamed, so a kill during a write leaves the previous checkpoint intact.
/// </summary>
public static class TrainingCheckpoint
{
    private const string Magic = "PORTAL-CHECKPOINT";
    private const int Version = 1;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static void Save(string path, CheckpointState state, nn.Module model, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(state);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(JsonSerializer.Serialize(state, Json));
            model.save(writer);
            optimizer.save_state_dict(writer);
            using var rng = torch.get_rng_state();
            var bytes = rng.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        });
    }

    /// <summary>Reads only the state, e.g. to show what a checkpoint holds.</summary>
    public static CheckpointState ReadState(string path)
    {
        using var reader = Open(path);
        return ReadHeader(reader, path);
    }

    /// <summary>Restores model, optimizer and RNG in place and returns the run's state.</summary>
    public static CheckpointState Load(string path, nn.Module model, OptimizerHelper optimizer)
    {
        using var reader = Open(path);
        var state = ReadHeader(reader, path);
        model.load(reader);
        optimizer.load_state_dict(reader);
        var length = reader.ReadInt32();
        using var rng = torch.tensor(reader.ReadBytes(length), dtype: ScalarType.Byte);
        torch.set_rng_state(rng);
        return state;
    }

    /// <summary>Loads only the weights, e.g. to export the best checkpoint as a model folder.</summary>
    public static CheckpointState LoadWeights(string path, nn.Module model)
    {
        using var reader = Open(path);
        var state = ReadHeader(reader, path);
        model.load(reader);
        return state;
    }

    private static BinaryReader Open(string path) =>
        File.Exists(path)
            ? new BinaryReader(File.OpenRead(path), Encoding.UTF8, leaveOpen: false)
            : throw new FileNotFoundException($"No checkpoint at \"{path}\".", path);

    private static CheckpointState ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            if (reader.ReadString() != Magic)
                throw new InvalidDataException($"\"{path}\" is not a training checkpoint.");
            var version = reader.ReadInt32();
            if (version != Version)
                throw new InvalidDataException($"\"{path}\" is a version {version} checkpoint; this build reads version {Version}.");
            return JsonSerializer.Deserialize<CheckpointState>(reader.ReadString(), Json)
                ?? throw new InvalidDataException($"\"{path}\" has an empty checkpoint state.");
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"\"{path}\" is truncated: it is not a complete training checkpoint.");
        }
    }
}
