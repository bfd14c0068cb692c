using System.Diagnostics;
using Portal.Ml.Training;

namespace Portal.Ml.Tests.Training;

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>Alone in its collection: the process's resident set is shared, so other tests running at the same time
/// would blur the measurement.</summary>
[Collection(nameof(MemoryMeasurements))]
public class TrainingMemoryTests
{
    [Fact]
    public void MemoryStaysFlatOverThreeHundredSteps()
    {
        long? warm = null, end = null;
        var options = TinySetup.Options with { MaxSteps = 350, EvalInterval = 1000, LogInterval = 10 };
        using var model = TinySetup.Model();
        var trainer = new Trainer(model, TinySetup.Config, TinySetup.Data(), options, TinySetup.TempDirectory());

        // Measured after 50 steps so that allocator pools and the optimizer state are already in place.
        trainer.Run(new ListProgress(report =>
        {
            if (report.Step == 50) warm = ResidentBytes();
            if (report.Step == 350) end = ResidentBytes();
        }));

        var growth = end!.Value - warm!.Value;
        Assert.True(growth < 24L << 20, $"resident set grew by {growth >> 20} MiB over 300 steps");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
