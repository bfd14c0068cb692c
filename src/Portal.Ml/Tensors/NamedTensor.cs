namespace Portal.Ml.Tensors;

/// <summary>
/// A tensor outside TorchSharp: its checkpoint name, its shape (row-major, as PyTorch stores it) and its values as
/// float32. The common currency of the file formats (safetensors, GGUF) and the model, so that they need not know
/// each other.
/// </summary>
public sealed record NamedTensor(string Name, long[] Shape, float[] Data)
{
    public long ElementCount => Shape.Aggregate(1L, (product, dimension) => product * dimension);

    public static NamedTensor Create(string name, long[] shape, float[] data)
    {
        var tensor = new NamedTensor(name, shape, data);
        if (tensor.ElementCount != data.LongLength)
            throw new ArgumentException($"Tensor {name} has shape [{string.Join(", ", shape)}] ({tensor.ElementCount} values) but {data.LongLength} values were given.");
        return tensor;
    }
}
