using Portal.Web.Options;
using Portal.Web.Services.Playground;

namespace Portal.Web.Tests.Playground;

/// <summary>How the machine-wide generation limit counts models, without a portal.</summary>
public sealed class GenerationCapacityCountingTests
{
    private static GenerationCapacity WithLimit(int limit) =>
        new(Microsoft.Extensions.Options.Options.Create(new PlaygroundOptions { MaxConcurrentGenerations = limit }));

    [Fact]
    public void RunsAreAdmittedUntilTheirModelsFillTheLimitAndAgainOnceOneIsLetGo()
    {
        var capacity = WithLimit(3);

        using var pair = capacity.TryTake(2);
        var single = capacity.TryTake(1);
        var refused = capacity.TryTake(1);
        single!.Dispose();
        // Letting go twice gives back its room once.
        single.Dispose();
        using var next = capacity.TryTake(1);

        Assert.NotNull(pair);
        Assert.Null(refused);
        Assert.NotNull(next);
        Assert.Equal(3, capacity.InUse);
        Assert.Null(capacity.TryTake(1));
    }

    [Fact]
    public void ARunOfMoreModelsThanTheLimitTakesTheWholeMachineAndOnlyAnIdleOne()
    {
        var capacity = WithLimit(2);

        var busy = capacity.TryTake(1);
        var whileBusy = capacity.TryTake(4);
        busy!.Dispose();
        using var whenIdle = capacity.TryTake(4);

        Assert.Null(whileBusy);
        Assert.NotNull(whenIdle);
        Assert.Equal(2, capacity.InUse);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ZeroOrLessMeansNoLimit(int limit)
    {
        var capacity = WithLimit(limit);

        var holds = Enumerable.Range(0, 50).Select(_ => capacity.TryTake(4)).ToList();

        Assert.All(holds, Assert.NotNull);
        holds.ForEach(h => h!.Dispose());
    }

    [Fact]
    public void TheDefaultIsOneModelPerProcessorCore() =>
        Assert.Equal(Environment.ProcessorCount, new GenerationCapacity(Microsoft.Extensions.Options.Options.Create(new PlaygroundOptions())).Limit);
}
