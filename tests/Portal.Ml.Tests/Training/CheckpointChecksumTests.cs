using Portal.Ml.Training;

namespace Portal.Ml.Tests.Training;

/// <summary>A checkpoint carries the SHA-256 of its bytes; any read checks it and refuses a damaged file by name.</summary>
public class CheckpointChecksumTests
{
    private static CheckpointState State(int step) => new()
    {
        Step = step,
        MaxSteps = 10,
        Schedule = new LearningRateSchedule(1e-3, 1e-4, 1, 10),
        ConfigJson = TinySetup.Config.ToHuggingFaceJson(0, 0),
    };

    private static string SavedCheckpoint(int step = 3)
    {
        var path = Path.Combine(TinySetup.TempDirectory(), "checkpoint.ckpt");
        using var model = TinySetup.Model();
        using var optimizer = AdamWFactory.Create(model, TinySetup.Options);
        TrainingCheckpoint.Save(path, State(step), model, optimizer);
        return path;
    }

    private static void FlipByte(string path, long offset)
    {
        using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ 0x01));
    }

    [Fact]
    public void AnUntouchedCheckpointReadsBackWithItsState()
    {
        var path = SavedCheckpoint(step: 7);

        Assert.Equal(7, TrainingCheckpoint.ReadState(path).Step);
    }

    [Fact]
    public void AByteFlippedInTheMiddleIsRefusedNamingTheFileAndTheChecksum()
    {
        var path = SavedCheckpoint();
        FlipByte(path, new FileInfo(path).Length / 2);

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.ReadState(path));
        Assert.Contains($"\"{path}\" is damaged", error.Message);
        Assert.Contains("SHA-256", error.Message);
        using var model = TinySetup.Model();
        using var optimizer = AdamWFactory.Create(model, TinySetup.Options);
        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path, model, optimizer));
        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.LoadWeights(path, model));
    }

    [Fact]
    public void ACheckpointCutShortIsRefusedAsTruncated()
    {
        var path = SavedCheckpoint();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 1000)]);

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.ReadState(path));
        Assert.Contains($"\"{path}\" is damaged: it is truncated", error.Message);
    }

    [Fact]
    public void AByteFlippedInTheChecksumItselfIsRefused()
    {
        var path = SavedCheckpoint();
        // The 32-byte digest sits right before the 8-byte marker that ends the file.
        FlipByte(path, new FileInfo(path).Length - 8 - 5);

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.ReadState(path));
        Assert.Contains($"\"{path}\" is damaged", error.Message);
        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void SavingAgainKeepsTheReplacedCheckpointAsThePreviousOne()
    {
        var directory = TinySetup.TempDirectory();
        var path = Path.Combine(directory, "checkpoint.ckpt");
        using var model = TinySetup.Model();
        using var optimizer = AdamWFactory.Create(model, TinySetup.Options);

        TrainingCheckpoint.Save(path, State(3), model, optimizer);
        TrainingCheckpoint.Save(path, State(4), model, optimizer);
        TrainingCheckpoint.Save(path, State(5), model, optimizer);

        var previous = TrainingCheckpoint.PreviousPath(path);
        Assert.Equal(Path.Combine(directory, "checkpoint.previous.ckpt"), previous);
        Assert.Equal(5, TrainingCheckpoint.ReadState(path).Step);
        Assert.Equal(4, TrainingCheckpoint.ReadState(previous).Step);
        Assert.Equal([path, previous], Directory.GetFiles(directory).Order());
    }

    [Fact]
    public void ACheckpointThatCannotBeWrittenNamesItsStepAndLeavesTheEarlierOnesAlone()
    {
        var directory = TinySetup.TempDirectory();
        var path = Path.Combine(directory, "checkpoint.ckpt");
        using var model = TinySetup.Model();
        using var optimizer = AdamWFactory.Create(model, TinySetup.Options);
        TrainingCheckpoint.Save(path, State(3), model, optimizer);
        // A file where the folder should be: the write fails with an I/O error, as on a full or vanished disk.
        var blocked = Path.Combine(directory, "blocked");
        File.WriteAllText(blocked, "");

        var error = Assert.Throws<CheckpointWriteException>(() => TrainingCheckpoint.Save(Path.Combine(blocked, "checkpoint.ckpt"), State(4), model, optimizer));

        Assert.Equal(4, error.Step);
        Assert.Contains("The checkpoint of step 4 could not be written", error.Message);
        Assert.Equal(3, TrainingCheckpoint.ReadState(path).Step);
    }

    [Fact]
    public void ACheckpointWrittenByAnOlderBuildWithoutAChecksumIsRefusedByVersion()
    {
        var path = Path.Combine(TinySetup.TempDirectory(), "checkpoint.ckpt");
        using (var writer = new BinaryWriter(File.Create(path)))
        {
            writer.Write("PORTAL-CHECKPOINT");
            writer.Write(1);
            writer.Write("{}");
        }

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.ReadState(path));
        Assert.Contains("is a version 1 checkpoint; this build reads version 2", error.Message);
    }
}
