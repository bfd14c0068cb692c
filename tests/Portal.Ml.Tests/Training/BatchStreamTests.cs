using Portal.Ml.Training;

namespace Portal.Ml.Tests.Training;

public class BatchStreamTests
{
    private static readonly TokenizedExample[] Examples = Enumerable.Range(0, 7).Select(i => new TokenizedExample([i, i], 1)).ToArray();

    private static List<int> Draw(BatchStream stream, int batches) =>
        Enumerable.Range(0, batches).SelectMany(_ => stream.Next()).Select(example => example.Tokens[0]).ToList();

    [Fact]
    public void EachEpochServesEveryExampleOnceInASeededOrder()
    {
        var first = Draw(new BatchStream(Examples, 3, seed: 5), 3);
        var again = Draw(new BatchStream(Examples, 3, seed: 5), 3);
        var otherSeed = Draw(new BatchStream(Examples, 3, seed: 6), 3);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.Equal(Enumerable.Range(0, 7), first.Order());
    }

    [Fact]
    public void SeekingToAPositionServesTheSameBatchesAsAnUninterruptedStream()
    {
        var stream = new BatchStream(Examples, 3, seed: 5);
        Draw(stream, 4);
        var position = stream.Position;
        var expected = Draw(stream, 5);

        var resumed = new BatchStream(Examples, 3, seed: 5);
        resumed.Seek(position);

        Assert.Equal(new DataPosition(1, 3), position);
        Assert.Equal(expected, Draw(resumed, 5));
    }
}
