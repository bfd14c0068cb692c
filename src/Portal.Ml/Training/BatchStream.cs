namespace Portal.Ml.Training;

/// <summary>
/// Serves training examples in a shuffled order that is a pure function of (seed, epoch). The stream's whole state
/// is therefore its <see cref="Position"/>: a checkpoint stores that and a resumed run sees the same batches.
/// Batches never straddle two epochs, so the last batch of an epoch may be smaller.
/// </summary>
public sealed class BatchStream
{
    private readonly IReadOnlyList<TokenizedExample> _examples;
    private readonly int _batchSize;
    private readonly int _seed;
    private int[] _order = [];
    private int _orderEpoch = -1;

    public BatchStream(IReadOnlyList<TokenizedExample> examples, int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (examples.Count == 0)
            throw new ArgumentException("Training needs at least one example.", nameof(examples));
        _examples = examples;
        _batchSize = batchSize;
        _seed = seed;
    }

    public DataPosition Position { get; private set; }

    /// <summary>Epochs done, with the fraction of the current one.</summary>
    public double Epoch => Position.Epoch + (double)Position.Index / _examples.Count;

    public int BatchesPerEpoch => (_examples.Count + _batchSize - 1) / _batchSize;

    public void Seek(DataPosition position)
    {
        if (position.Epoch < 0 || position.Index < 0 || position.Index >= _examples.Count)
            throw new ArgumentOutOfRangeException(nameof(position), position, $"The data position does not fit a dataset of {_examples.Count} examples.");
        Position = position;
    }

    public IReadOnlyList<TokenizedExample> Next()
    {
        var order = OrderOf(Position.Epoch);
        var take = Math.Min(_batchSize, order.Length - Position.Index);
        var batch = new TokenizedExample[take];
        for (var i = 0; i < take; i++)
            batch[i] = _examples[order[Position.Index + i]];

        var next = Position.Index + take;
        Position = next == order.Length ? new DataPosition(Position.Epoch + 1, 0) : Position with { Index = next };
        return batch;
    }

    private int[] OrderOf(int epoch)
    {
        if (epoch == _orderEpoch)
            return _order;
        // Seeded System.Random keeps its legacy algorithm on every runtime, so the order is stable across machines
        // (HashCode.Combine would not do here: it is randomised per process).
        var random = new Random(unchecked(_seed * 1_000_003 + epoch * 7_919) & int.MaxValue);
        var order = Enumerable.Range(0, _examples.Count).ToArray();
        random.Shuffle(order);
        _orderEpoch = epoch;
        return _order = order;
    }
}
