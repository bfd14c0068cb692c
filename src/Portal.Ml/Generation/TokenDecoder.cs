using Portal.Ml.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Portal.Ml.Generation;

/// <summary>Gives the next-token logits (V) for a growing token list, with or without a key/value cache.</summary>
internal interface ITokenDecoder : IDisposable
{
    Tensor NextLogits(IReadOnlyList<int> tokens);
}

/// <summary>Feeds only the tokens the cache has not seen. When the context is full it starts over from the most
/// recent half, so long generations keep going at the cost of forgetting the distant start.</summary>
internal sealed class CachedDecoder(Gpt model, Device device) : ITokenDecoder
{
    private readonly KvCache _cache = new(model.Config);
    private int _fed;
    private int _offset;

    public Tensor NextLogits(IReadOnlyList<int> tokens)
    {
        var capacity = model.Config.NPositions;
        if (tokens.Count - _offset > capacity)
        {
            _cache.Clear();
            _offset = tokens.Count - capacity / 2;
            _fed = _offset;
        }

        var fresh = tokens.Skip(_fed).Select(id => (long)id).ToArray();
        var idx = torch.tensor(fresh, [1, fresh.Length], device: device);                // (1, T)
        _fed = tokens.Count;
        return model.Forward(idx, _cache)[0, -1];                                          // (V)
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>Recomputes the whole window every step: what the cache saves, and a reference for it.</summary>
internal sealed class FullDecoder(Gpt model, Device device) : ITokenDecoder
{
    public Tensor NextLogits(IReadOnlyList<int> tokens)
    {
        var window = tokens.Skip(Math.Max(0, tokens.Count - model.Config.NPositions)).Select(id => (long)id).ToArray();
        var idx = torch.tensor(window, [1, window.Length], device: device);              // (1, T)
        using var noGrad = torch.no_grad();
        return model.forward(idx)[0, -1];                                                  // (V)
    }

    public void Dispose()
    {
    }
}
