using Microsoft.Extensions.Options;
using Portal.Web.Options;

namespace Portal.Web.Services.Playground;

/// <summary>
/// How many models may generate at once across all writers (<see cref="PlaygroundOptions.MaxConcurrentGenerations"/>,
/// by default one per processor core). Each model writes on a thread of its own; past one per core they take turns on
/// the cores and every admitted run slows down together, so a run beyond that is refused at once, with when to try
/// again, rather than queued behind the others.
/// </summary>
public sealed class GenerationCapacity(IOptions<PlaygroundOptions> options)
{
    private readonly object gate = new();
    private int inUse;

    /// <summary>0 or less: no limit.</summary>
    public int Limit { get; } = options.Value.MaxConcurrentGenerations;

    /// <summary>Models generating now.</summary>
    public int InUse
    {
        get
        {
            lock (gate)
                return inUse;
        }
    }

    /// <summary>
    /// Room for <paramref name="models"/> models, held until disposed; null when the machine is full. A run of more
    /// models than the whole limit takes all of it, so it waits for an idle machine instead of never starting.
    /// </summary>
    public IDisposable? TryTake(int models)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(models);
        if (Limit <= 0)
            return new Hold(this, 0);
        var units = Math.Min(models, Limit);
        lock (gate)
        {
            if (inUse + units > Limit)
                return null;
            inUse += units;
        }
        return new Hold(this, units);
    }

    private void Give(int units)
    {
        lock (gate)
            inUse -= units;
    }

    private sealed class Hold(GenerationCapacity capacity, int units) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0 && units > 0)
                capacity.Give(units);
        }
    }
}
