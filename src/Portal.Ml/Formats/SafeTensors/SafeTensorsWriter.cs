using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using Portal.Ml.Tensors;

namespace Portal.Ml.Formats.SafeTensors;

internal static class SafeTensorsWriter
{
    // The header is padded so that the data section starts 8-byte aligned, as the reference writer does; readers
    // that map the file can then view F32 data in place.
    private const int HeaderAlignment = 8;

    public static void Write(string path, IEnumerable<NamedTensor> tensors, SafeTensorsDType dtype, IReadOnlyDictionary<string, string>? metadata)
    {
        var ordered = tensors.OrderBy(tensor => tensor.Name, StringComparer.Ordinal).ToList();
        Validate(ordered);
        var header = BuildHeader(ordered, dtype, metadata);
        var format = dtype.Format();

        AtomicFile.Write(path, stream =>
        {
            Span<byte> lengthField = stackalloc byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64LittleEndian(lengthField, (ulong)header.Length);
            stream.Write(lengthField);
            stream.Write(header);
            foreach (var tensor in ordered)
                RawFloatEncoder.Write(stream, tensor.Data, format);
        });
    }

    private static void Validate(IReadOnlyList<NamedTensor> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            var tensor = ordered[i];
            if (string.IsNullOrEmpty(tensor.Name) || tensor.Name == SafeTensorsLimits.MetadataKey)
                throw new ArgumentException($"\"{tensor.Name}\" cannot name a tensor in a safetensors file.", nameof(ordered));
            if (i > 0 && ordered[i - 1].Name == tensor.Name)
                throw new ArgumentException($"Two tensors are named \"{tensor.Name}\".", nameof(ordered));
            if (tensor.Shape.Any(dimension => dimension < 0) || tensor.ElementCount != tensor.Data.LongLength)
                throw new ArgumentException($"Tensor \"{tensor.Name}\" has shape [{string.Join(", ", tensor.Shape)}] but {tensor.Data.LongLength} values.", nameof(ordered));
        }
    }

    private static byte[] BuildHeader(IReadOnlyList<NamedTensor> ordered, SafeTensorsDType dtype, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps non-ASCII names readable; the header is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject(SafeTensorsLimits.MetadataKey);
            // transformers refuses a checkpoint whose metadata exists but has no known "format", so one is always set.
            if (metadata is null || !metadata.ContainsKey("format"))
                json.WriteString("format", "pt");
            foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
                json.WriteString(key, value);
            json.WriteEndObject();

            long offset = 0;
            var size = dtype.Format().ByteSize();
            foreach (var tensor in ordered)
            {
                var end = offset + tensor.Data.LongLength * size;
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", dtype.HeaderName());
                json.WriteStartArray("shape");
                foreach (var dimension in tensor.Shape)
                    json.WriteNumberValue(dimension);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }

        var paddedLength = (buffer.WrittenCount + HeaderAlignment - 1) / HeaderAlignment * HeaderAlignment;
        if (paddedLength > SafeTensorsLimits.MaxHeaderBytes)
            throw new ArgumentException($"The safetensors header would be {paddedLength} bytes, above the {SafeTensorsLimits.MaxHeaderBytes}-byte limit readers enforce.", nameof(ordered));
        var header = new byte[paddedLength];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }
}
