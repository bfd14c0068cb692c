using Portal.Ml.Model;
using Portal.Ml.Tokenization;
using Portal.Ml.Training;

namespace Portal.Ml.Tests.Training;

public class TrainingSessionTests
{
    private static readonly TrainingOptions Quick = TrainingOptions.Fresh with { MaxSteps = 3, EvalInterval = 2, LearningRate = 1e-3 };

    [Fact]
    public void ContinuingFromAnIncompleteModelFolderStartsFresh()
    {
        var incomplete = TinySetup.TempDirectory();
        File.WriteAllText(Path.Combine(incomplete, "config.json"), "{}");

        var request = new TrainingRequest(TinySetup.Verses, "out", "run", StartMode.Continue, incomplete);

        Assert.Equal(StartMode.Scratch, TrainingSession.ResolveMode(request));
        Assert.Equal(StartMode.Scratch, TrainingSession.ResolveMode(request with { BaseFolder = null }));
        Assert.Throws<ArgumentException>(() => TrainingSession.ResolveMode(request with { Mode = StartMode.Base, BaseFolder = null }));
    }

    [Fact]
    public void ContinuingFromAPreviousVersionKeepsItsTokenizerAndShapeAndWritesANewVersion()
    {
        var directory = TinySetup.TempDirectory();
        var previous = Path.Combine(directory, "v1");
        var texts = TinySetup.Verses.Select(v => PromptTemplate.Default.Full(v.Prompt, v.Lyrics));
        var tokenizer = Gpt2Tokenizer.Train(texts, 300);
        using (var model = new Gpt(TinySetup.Config with { VocabSize = tokenizer.VocabSize }))
            HfCheckpoint.Save(model, previous, tokenizer);

        var next = Path.Combine(directory, "v2");
        var outcome = TrainingSession.Run(new TrainingRequest(TinySetup.Verses, next, Path.Combine(directory, "run"), StartMode.Continue, previous, Options: Quick));

        Assert.Equal(StartMode.Continue, outcome.Mode);
        Assert.Equal(StopReason.Completed, outcome.Result.Reason);
        Assert.True(HfCheckpoint.IsModelFolder(next));
        Assert.Equal(File.ReadAllText(Path.Combine(previous, "vocab.json")), File.ReadAllText(Path.Combine(next, "vocab.json")));
        var (trained, config) = HfCheckpoint.Load(next);
        using (trained)
            Assert.Equal(TinySetup.Config with { VocabSize = tokenizer.VocabSize }, config);
    }

    [Fact]
    public void ACancelledSessionWritesNoModelFolderButACheckpointToResumeFrom()
    {
        var directory = TinySetup.TempDirectory();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var request = new TrainingRequest(TinySetup.Verses, Path.Combine(directory, "model"), Path.Combine(directory, "run"), StartMode.Scratch,
            Preset: "tiny", Options: Quick with { MaxSteps = 50 });

        var outcome = TrainingSession.Run(request, null, cancel.Token);

        Assert.Equal(StopReason.Cancelled, outcome.Result.Reason);
        Assert.Null(outcome.ModelFolder);
        Assert.False(Directory.Exists(Path.Combine(directory, "model")));
        Assert.True(File.Exists(outcome.Result.CheckpointPath));
        Assert.True(File.Exists(Path.Combine(directory, "run", "vocab.json")));
    }
}
