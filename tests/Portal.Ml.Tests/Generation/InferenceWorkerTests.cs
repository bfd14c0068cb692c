using Portal.Ml.Generation;

namespace Portal.Ml.Tests.Generation;

public sealed class InferenceWorkerTests(TrainedTinyModel trained) : IClassFixture<TrainedTinyModel>
{
    private static readonly GenerationOptions Options = new() { Seed = 9, MaxNewTokens = 30, Temperature = 1.0 };

    private InferenceWorker Start() => new(() => (trained.Load(), TrainedTinyModel.Codec));

    [Fact]
    public async Task StreamedTextEqualsTheWholeResultForTheSameSeed()
    {
        await using var worker = Start();

        var streamed = new List<string>();
        await foreach (var piece in worker.StreamAsync("rain blues", Options))
            streamed.Add(piece);
        var whole = await worker.GenerateAsync("rain blues", Options);

        Assert.Equal(whole.Text, string.Concat(streamed));
        Assert.NotEmpty(whole.Text);
    }

    [Fact]
    public async Task ConcurrentCallersAreServedInTurnWithTheirOwnSeeds()
    {
        await using var worker = Start();

        var results = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => worker.GenerateAsync("city lights", Options with { Seed = i % 2 }))));

        Assert.Equal(results[0].Text, results[2].Text);
        Assert.Equal(results[1].Text, results[5].Text);
    }

    [Fact]
    public async Task CancellingAStreamStopsIt()
    {
        await using var worker = Start();
        using var cancel = new CancellationTokenSource();
        var pieces = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in worker.StreamAsync("rain blues", Options with { MaxNewTokens = 500 }, cancel.Token))
            {
                if (++pieces == 2) cancel.Cancel();
            }
        });
        Assert.Equal(2, pieces);

        // The worker is free again for the next caller.
        Assert.NotEmpty((await worker.GenerateAsync("rain blues", Options)).Text);
    }

    [Fact]
    public async Task AModelThatFailsToLoadFailsEveryRequestWithTheReason()
    {
        await using var worker = new InferenceWorker(() => throw new FileNotFoundException("no model.safetensors"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => worker.GenerateAsync("rain blues", Options));
        Assert.Contains("no model.safetensors", error.Message);
    }
}
