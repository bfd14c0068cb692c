using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Ml.Generation;
using Portal.Ml.Model;
using Portal.Web.Options;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>The playground's loaded models on the trained candidates' real folders: a memory budget, least recently used out, leases respected.</summary>
[Collection(VersionRuns.Name)]
public sealed class LoadedModelCacheTests(TrainedCandidates trained)
{
    private static readonly GenerationOptions Greedy = GenerationOptions.Greedy with { MaxNewTokens = 12 };

    [Fact]
    public async Task WithRoomForOneModelALoadOfAnotherWaitsUntilTheModelInUseIsLetGoAndMemoryNeverHoldsBoth()
    {
        await using var portal = trained.Start();
        var (a, b) = (Path.GetFullPath(portal.CandidateFolder(trained.Passing)), Path.GetFullPath(portal.CandidateFolder(trained.Failing)));
        await using var cache = Cache(RoomForOne(a, b));

        Task<LoadedModelLease> waitingForB;
        using (var leaseA = await cache.LeaseAsync(a))
        {
            waitingForB = cache.LeaseAsync(b);
            // A keeps writing while B waits; B cannot have been loaded beside it.
            Assert.NotEmpty((await leaseA.Worker.GenerateAsync(Corpus.Prompt(1), Greedy)).Text);
            Assert.False(waitingForB.IsCompleted, "B was loaded while A, in use, filled the budget.");
            Assert.Equal([(a, true, 1)], cache.Loaded().Select(m => (m.Folder, m.Cached, m.Leases)));
        }

        // A let go: it is evicted to make room and B loads; the two are never counted in memory together.
        using var leaseB = await waitingForB;
        Assert.NotEmpty((await leaseB.Worker.GenerateAsync(Corpus.Prompt(1), Greedy)).Text);
        Assert.True(cache.UsedBytes() <= cache.BudgetBytes, $"{cache.UsedBytes()} bytes in memory, over the {cache.BudgetBytes}-byte budget.");
        Assert.Equal((b, true, 1), cache.Loaded().Select(m => (m.Folder, m.Cached, m.Leases)).First());
        await PlaygroundPortals.EventuallyAsync(() => Task.FromResult(cache.Loaded().All(m => m.Folder != a)), "the evicted model to be freed");
    }

    [Fact]
    public async Task ALoadWaitingForRoomGivesUpWhenItsCallerStops()
    {
        await using var portal = trained.Start();
        var (a, b) = (Path.GetFullPath(portal.CandidateFolder(trained.Passing)), Path.GetFullPath(portal.CandidateFolder(trained.Failing)));
        await using var cache = Cache(RoomForOne(a, b));
        using var leaseA = await cache.LeaseAsync(a);
        using var stop = new CancellationTokenSource();

        var waitingForB = cache.LeaseAsync(b, stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waitingForB);
        Assert.Equal([(a, true, 1)], cache.Loaded().Select(m => (m.Folder, m.Cached, m.Leases)));
    }

    [Fact]
    public async Task RequestsForTheSameModelShareOneLoadAndTheLeastRecentlyUsedIdleModelMakesRoom()
    {
        await using var portal = trained.Start();
        var (a, b) = (Path.GetFullPath(portal.CandidateFolder(trained.Passing)), Path.GetFullPath(portal.CandidateFolder(trained.Failing)));
        var c = CopyOf(a, Path.Combine(portal.DataDirectory, "third-model"));
        var cost = LoadedModelCache.CostOf(a);
        var megabytes = (int)Math.Ceiling(2 * cost / 1048576.0);
        Assert.True(3 * cost > megabytes * 1048576L, $"{megabytes} MB would hold three {cost}-byte models.");
        await using var cache = Cache(megabytes);

        var leases = await Task.WhenAll(cache.LeaseAsync(a), cache.LeaseAsync(a));
        var shared = cache.Loaded();
        foreach (var lease in leases)
            lease.Dispose();
        using (await cache.LeaseAsync(b)) { }
        using (await cache.LeaseAsync(a)) { }
        using (await cache.LeaseAsync(c)) { }

        Assert.Same(leases[0].Worker, leases[1].Worker);
        Assert.Equal([(a, true, 2)], shared.Select(m => (m.Folder, m.Cached, m.Leases)));
        // B was used less recently than A, so B made room for C.
        Assert.Equal([c, a], cache.Loaded().Where(m => m.Cached).Select(m => m.Folder));
        Assert.Equal(2 * cost, cache.UsedBytes());
    }

    [Fact]
    public async Task AModelLargerThanTheWholeBudgetIsRefusedAndOneThatFailsToLoadIsTriedAgainOnceFixed()
    {
        await using var portal = trained.Start();
        var source = portal.CandidateFolder(trained.Passing);
        var broken = CopyOf(source, Path.Combine(portal.DataDirectory, "broken-model"));
        var weights = Path.Combine(broken, HfCheckpoint.WeightsFileName);
        var intact = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, intact[..(intact.Length / 2)]);
        await using (var tiny = Cache(0))
        {
            var refused = await Assert.ThrowsAsync<PlaygroundRefusedException>(() => tiny.LeaseAsync(source));
            Assert.Equal(PlaygroundRefusal.TooLarge, refused.Reason);
            Assert.Contains("ModelCacheMegabytes", refused.Message);
            Assert.Empty(tiny.Loaded());
        }
        await using var cache = Cache(1024);

        await Assert.ThrowsAsync<InvalidCheckpointException>(() => cache.LeaseAsync(broken));
        var afterFailure = cache.Loaded().Where(m => m.Cached).ToList();
        File.WriteAllBytes(weights, intact);
        using var fixedLease = await cache.LeaseAsync(broken);

        Assert.Empty(afterFailure);
        Assert.NotEmpty((await fixedLease.Worker.GenerateAsync(Corpus.Prompt(1), Greedy)).Text);
    }

    /// <summary>The budget in whole megabytes that holds one of the two (equally large) models but not both.</summary>
    private static int RoomForOne(string a, string b)
    {
        var cost = LoadedModelCache.CostOf(a);
        Assert.Equal(cost, LoadedModelCache.CostOf(b));
        var megabytes = (int)Math.Ceiling(cost / 1048576.0);
        Assert.True(2 * cost > megabytes * 1048576L, $"{megabytes} MB would hold both {cost}-byte models.");
        return megabytes;
    }

    private static string CopyOf(string folder, string copy)
    {
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(folder))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return Path.GetFullPath(copy);
    }

    private static LoadedModelCache Cache(int megabytes) =>
        new(Microsoft.Extensions.Options.Options.Create(new PlaygroundOptions { ModelCacheMegabytes = megabytes }), TimeProvider.System, NullLogger<LoadedModelCache>.Instance);
}
