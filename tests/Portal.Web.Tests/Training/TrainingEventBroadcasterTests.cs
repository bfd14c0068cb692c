using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Training;
using Portal.Web.Services.Training;

namespace Portal.Web.Tests.Training;

public sealed class TrainingEventBroadcasterTests
{
    [Fact]
    public async Task AFailingSubscriberDoesNotKeepEventsFromTheOthers()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        var broadcaster = portal.Services.GetRequiredService<TrainingEventBroadcaster>();
        var received = new List<long>();
        using var broken = broadcaster.Subscribe(_ => throw new InvalidOperationException("a broken page"));
        using var working = broadcaster.Subscribe(e =>
        {
            received.Add(e.Sequence);
            return Task.CompletedTask;
        });

        await broadcaster.PublishAsync([Event(1), Event(2)]);

        Assert.Equal(new[] { 1L, 2L }, received);
    }

    [Fact]
    public async Task ADisposedSubscriptionReceivesNothingMore()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        var broadcaster = portal.Services.GetRequiredService<TrainingEventBroadcaster>();
        var received = 0;
        var subscription = broadcaster.Subscribe(_ =>
        {
            received++;
            return Task.CompletedTask;
        });

        await broadcaster.PublishAsync([Event(1)]);
        subscription.Dispose();
        await broadcaster.PublishAsync([Event(2)]);

        Assert.Equal(1, received);
    }

    private static JobEvent Event(long sequence) => new(42, sequence, DateTimeOffset.UnixEpoch, JobEventData.Log($"event {sequence}"));
}
