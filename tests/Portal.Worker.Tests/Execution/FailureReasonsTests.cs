using Portal.Ml.Model;
using Portal.Ml.Training;
using Portal.Worker.Execution;

namespace Portal.Worker.Tests.Execution;

public class FailureReasonsTests
{
    [Fact]
    public void AFullDiskSaysSo()
    {
        var full = new IOException("No space left on device : '/data/runs/12/.checkpoint.ckpt.tmp'", 28);

        Assert.Equal("Out of disk space while writing a checkpoint or the model; free some space on the worker and retrain.", FailureReasons.Describe(full));
        Assert.StartsWith("Out of disk space", FailureReasons.Describe(new InvalidOperationException("saving failed", full)));
    }

    [Fact]
    public void AFullDiskWhileWritingACheckpointNamesTheStepAndTheFolder()
    {
        var full = new IOException("No space left on device : '/tmp/.checkpoint.ckpt.3f2a.tmp'", 28);
        var write = new CheckpointWriteException("/tmp/checkpoint.ckpt", 40, full);

        var reason = FailureReasons.Describe(new InvalidOperationException("training failed", write));

        Assert.StartsWith("No space left on device while writing the checkpoint of step 40: free space in /tmp (", reason);
        Assert.EndsWith("MB free now) and retrain. The checkpoints written before it are intact.", reason);
    }

    [Fact]
    public void ASetupProblemIsPassedOnAsItIs()
    {
        Assert.Equal("The base model folder base-models/x is missing.", FailureReasons.Describe(new JobSetupException("The base model folder base-models/x is missing.")));
    }

    [Fact]
    public void AnUnreadableStartModelNamesTheProblemOnOneLine()
    {
        var reason = FailureReasons.Describe(new InvalidCheckpointException("model.safetensors cannot be read", ["truncated header"]));

        Assert.StartsWith("The model to start from cannot be loaded: model.safetensors cannot be read", reason);
        Assert.DoesNotContain('\n', reason);
    }

    [Fact]
    public void AnythingElseIsOneLineWithoutAStackTrace()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("first line\nsecond line");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var reason = FailureReasons.Describe(thrown);

        Assert.Equal("Training stopped on an unexpected error (InvalidOperationException): first line", reason);
    }
}
