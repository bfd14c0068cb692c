using TorchSharp;
using static TorchSharp.torch;

namespace Portal.Ml.Model;

/// <summary>
/// Keys and values of the tokens a <see cref="Gpt"/> has already seen, one pair per layer, so that sampling feeds
/// one new token per step instead of the whole sequence. Buffers are allocated once, at the model's full context,
/// on the first forward (which fixes batch size, device and dtype), and filled in place.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] _keys;
    private readonly Tensor?[] _values;
    private bool _disposed;

    public KvCache(GptConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        _keys = new Tensor?[config.NLayer];
        _values = new Tensor?[config.NLayer];
    }

    public GptConfig Config { get; }

    /// <summary>Tokens seen so far; the next token's position.</summary>
    public int Length { get; private set; }

    public int Capacity => Config.NPositions;

    /// <summary>Forgets every token but keeps the buffers, for the next prompt of the same batch size.</summary>
    public void Clear() => Length = 0;

    internal void CheckFits(GptConfig model)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Only the shapes matter: a cache made from the same config with another dropout fits.
        if (model.NLayer != Config.NLayer || model.NHead != Config.NHead || model.NEmbd != Config.NEmbd || model.NPositions != Config.NPositions)
            throw new ArgumentException(
                $"This cache was made for {Config.NLayer} layers, {Config.NHead} heads, embedding {Config.NEmbd} and context {Config.NPositions}; "
                + $"the model has {model.NLayer}, {model.NHead}, {model.NEmbd} and {model.NPositions}.");
    }

    /// <summary>Writes k and v (B, nh, T, hs) after the cached tokens; returns views of all keys and values
    /// (B, nh, Length + T, hs). The caller disposes the views.</summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor k, Tensor v)
    {
        var keys = _keys[layer] ??= Allocate(k);
        var values = _values[layer] ??= Allocate(v);
        if (keys.size(0) != k.size(0))
            throw new ArgumentException($"This cache holds a batch of {keys.size(0)} sequences; got {k.size(0)}. Use one cache per batch size.");

        var t = k.size(2);
        using (var slot = keys.narrow(2, Length, t)) slot.copy_(k);
        using (var slot = values.narrow(2, Length, t)) slot.copy_(v);
        return (keys.narrow(2, 0, Length + t), values.narrow(2, 0, Length + t));
    }

    internal void Advance(int tokens) => Length += tokens;

    private Tensor Allocate(Tensor like) =>
        // Detached from the forward pass's dispose scope: the buffer must outlive it.
        torch.zeros([like.size(0), like.size(1), Capacity, like.size(3)], like.dtype, like.device).DetachFromDisposeScope();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var tensor in _keys.Concat(_values)) tensor?.Dispose();
        Array.Clear(_keys);
        Array.Clear(_values);
    }
}
