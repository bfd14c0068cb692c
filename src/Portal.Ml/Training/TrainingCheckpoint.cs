using System.Text;
using System.Text.Json;
using Portal.Ml.Formats;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Portal.Ml.Training;

/// <summary>
/// One file that resumes a run exactly: state (JSON), model weights, AdamW moments and steps, and libtorch's RNG
/// state (the data order needs none: it is a function of seed and position), ended by the SHA-256 of all of it
/// (<see cref="ChecksummedFile"/>). Every read checks that checksum first, so a flipped byte or a truncated file is
/// refused with the file and the problem named, never half-loaded. Written to a temporary file and renamed, so a
/// kill during a write leaves the previous checkpoint intact; the one it replaces is kept as
/// <see cref="PreviousPath"/>, to fall back on when the newest turns out damaged.
/// </summary>
public static class TrainingCheckpoint
{
    private const string Magic = "PORTAL-CHECKPOINT";

    /// <summary>2: ends with a SHA-256 checksum. Version 1 files had none and are refused.</summary>
    private const int Version = 2;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Where the checkpoint that <paramref name="path"/> last replaced is kept: checkpoint.ckpt -> checkpoint.previous.ckpt.</summary>
    public static string PreviousPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}.previous{Path.GetExtension(path)}");

    /// <exception cref="CheckpointWriteException">The file could not be written (e.g. the disk is full); the earlier checkpoints are untouched.</exception>
    public static void Save(string path, CheckpointState state, nn.Module model, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            ChecksummedFile.Write(path, stream =>
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
                writer.Flush();
            }, PreviousPath(path));
        }
        catch (IOException e) when (e is not CheckpointWriteException)
        {
            throw new CheckpointWriteException(path, state.Step, e);
        }
    }

    /// <summary>Reads only the state, e.g. to show what a checkpoint holds; checks the whole file first, as every read does.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint of this build, or damaged ("The checkpoint ... is damaged: ...").</exception>
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

    /// <summary>Opens the file once its kind, version and checksum are checked, positioned after the version.</summary>
    private static BinaryReader Open(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No checkpoint at \"{path}\".", path);
        var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8, leaveOpen: false);
        try
        {
            // Kind and version first: a file of another kind deserves that message, not "checksum missing".
            ReadKind(reader, path);
            var content = reader.BaseStream.Position;
            if (ChecksummedFile.Problem(reader.BaseStream) is { } problem)
                throw Damaged(path, problem);
            reader.BaseStream.Position = content;
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static void ReadKind(BinaryReader reader, string path)
    {
        try
        {
            if (reader.ReadString() != Magic)
                throw new InvalidDataException($"\"{path}\" is not a training checkpoint.");
            var version = reader.ReadInt32();
            if (version != Version)
                throw new InvalidDataException($"\"{path}\" is a version {version} checkpoint; this build reads version {Version} (checkpoints with a checksum).");
        }
        catch (EndOfStreamException)
        {
            throw Damaged(path, "it is truncated: it ends before its header does");
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"\"{path}\" is not a training checkpoint.");
        }
    }

    /// <summary>The refusal of a checkpoint whose bytes do not match its checksum, naming the file and the problem.</summary>
    private static InvalidDataException Damaged(string path, string problem) =>
        new($"The checkpoint \"{path}\" is damaged: {problem}.");

    private static CheckpointState ReadHeader(BinaryReader reader, string path) =>
        JsonSerializer.Deserialize<CheckpointState>(reader.ReadString(), Json)
            ?? throw new InvalidDataException($"\"{path}\" has an empty checkpoint state.");
}
