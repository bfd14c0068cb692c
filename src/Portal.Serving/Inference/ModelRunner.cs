using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Portal.Ml.Generation;
using Portal.Ml.Model;

namespace Portal.Serving.Inference;

/// <summary>
/// Generates with one model on its <see cref="InferenceWorker"/> thread, so that TorchSharp never runs on a request
/// thread; the worker serves requests one after another.
/// </summary>
internal sealed class ModelRunner : IAsyncDisposable
{
    private readonly InferenceWorker _worker;

    public ModelRunner(Func<(Gpt Model, TokenCodec Codec)> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _worker = new InferenceWorker(load);
    }

    /// <summary>Cancelling stops the generation between tokens; the summary then says <see cref="FinishReason.Cancelled"/>.</summary>
    public async Task<GenerationSummary> GenerateAsync(string prompt, GenerationOptions options, CancellationToken cancellationToken) =>
        GenerationSummary.From(await _worker.GenerateAsync(prompt, options, cancellationToken));

    /// <summary>The text in pieces as it is written, then its summary. Cancelling, or leaving early, stops the generation.</summary>
    public async IAsyncEnumerable<GenerationUpdate> StreamAsync(string prompt, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var updates = Channel.CreateUnbounded<GenerationUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // Never faults: failures come through the channel. A caller that leaves early does not wait for it: the
        // generation stops at its next token, and disposing the worker waits for that before the model is freed.
        _ = GenerateIntoAsync(updates.Writer, prompt, options, stop.Token);
        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken))
                yield return update;
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>Runs one streamed generation into <paramref name="updates"/>, summary last; the channel ends with the failure if there is one.</summary>
    private async Task GenerateIntoAsync(ChannelWriter<GenerationUpdate> updates, string prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _worker.GenerateAsync(prompt, options, piece => updates.TryWrite(GenerationUpdate.Text(piece)), cancellationToken);
            updates.TryWrite(GenerationUpdate.Finished(GenerationSummary.From(result)));
            updates.TryComplete();
        }
        catch (Exception e)
        {
            updates.TryComplete(e);
        }
    }

    /// <summary>Lets queued generations finish, then stops the thread, which frees the model.</summary>
    public ValueTask DisposeAsync() => _worker.DisposeAsync();
}
