using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Portal.Ml.Model;
using Portal.Ml.Training;

namespace Portal.Ml.Generation;

/// <summary>
/// One dedicated thread that loads a model and serves generation requests in turn. TorchSharp's dispose scopes are
/// per thread and a model is not safe to share between concurrent forwards, so callers queue here instead of
/// touching the model themselves.
/// </summary>
public sealed class InferenceWorker : IAsyncDisposable
{
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private Exception? _loadFailure;

    /// <param name="load">Runs on the worker thread, so the model's tensors belong to it; the worker disposes the
    /// model when it stops.</param>
    public InferenceWorker(Func<(Gpt Model, TokenCodec Codec)> load, PromptTemplate? template = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        _thread = new Thread(() => Serve(load, template)) { IsBackground = true, Name = "Portal inference" };
        _thread.Start();
    }

    /// <summary>Streams the lyrics as they are written; cancelling stops the generation between tokens.</summary>
    public async IAsyncEnumerable<string> StreamAsync(string prompt, GenerationOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pieces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        await Enqueue(new Request(prompt, options, pieces.Writer, cancellationToken)).ConfigureAwait(false);
        await foreach (var piece in pieces.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // ReadAllAsync only looks at the token when it has to wait; pieces already queued would still come out.
            cancellationToken.ThrowIfCancellationRequested();
            yield return piece;
        }
    }

    public Task<GenerationResult> GenerateAsync(string prompt, GenerationOptions options, CancellationToken cancellationToken = default) =>
        GenerateAsync(prompt, options, null, cancellationToken);

    /// <summary>
    /// The whole result (token counts, timings, why it stopped) with the text also handed to <paramref name="onText"/>
    /// piece by piece as it is written, for callers that stream and then summarise. <paramref name="onText"/> runs on
    /// the inference thread between tokens: it must only hand the piece on (e.g. write it to a channel), never wait.
    /// </summary>
    public async Task<GenerationResult> GenerateAsync(string prompt, GenerationOptions options, Action<string>? onText, CancellationToken cancellationToken = default)
    {
        var request = new Request(prompt, options, null, cancellationToken, onText);
        await Enqueue(request).ConfigureAwait(false);
        return await request.Completion.Task.ConfigureAwait(false);
    }

    private ValueTask Enqueue(Request request) =>
        _requests.Writer.TryWrite(request)
            ? ValueTask.CompletedTask
            : ValueTask.FromException(_loadFailure is { } failure
                ? new InvalidOperationException($"The model could not be loaded: {failure.Message}", failure)
                : new ObjectDisposedException(nameof(InferenceWorker), "The inference worker has stopped."));

    private void Serve(Func<(Gpt Model, TokenCodec Codec)> load, PromptTemplate? template)
    {
        Gpt? model = null;
        try
        {
            (model, var codec) = load();
            var generator = new Generator(model, codec, template);
            while (_requests.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (_requests.Reader.TryRead(out var request))
                    request.Run(generator);
            }
        }
        catch (Exception e)
        {
            // A model that fails to load fails every request, queued or future, with the reason.
            _loadFailure = e;
            _requests.Writer.TryComplete(e);
            while (_requests.Reader.TryRead(out var request))
                request.Fail(e);
        }
        finally
        {
            model?.Dispose();
            _stopped.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
    }

    private sealed record Request(string Prompt, GenerationOptions Options, ChannelWriter<string>? Pieces, CancellationToken Token, Action<string>? OnText = null)
    {
        public TaskCompletionSource<GenerationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(Generator generator)
        {
            try
            {
                var result = generator.Generate(Prompt, Options, piece =>
                {
                    Pieces?.TryWrite(piece);
                    OnText?.Invoke(piece);
                }, Token);
                Pieces?.TryComplete();
                Completion.TrySetResult(result);
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        public void Fail(Exception e)
        {
            Pieces?.TryComplete(e);
            Completion.TrySetException(e);
        }
    }
}
