using System.Collections.Concurrent;

namespace Portal.Web.Services.Playground;

/// <summary>
/// One running generation per writer, page and API together: a writer who could start many at once would take every
/// model's inference thread from the others.
/// </summary>
public sealed class WriterRunSlots
{
    private readonly ConcurrentDictionary<string, byte> running = new(StringComparer.Ordinal);

    /// <summary>The writer's slot, held until disposed; null when they already have a generation running.</summary>
    public IDisposable? TryTake(string userId) =>
        running.TryAdd(userId, 0) ? new Slot(running, userId) : null;

    private sealed class Slot(ConcurrentDictionary<string, byte> running, string userId) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                running.TryRemove(userId, out _);
        }
    }
}
