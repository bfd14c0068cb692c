using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using Portal.Ml.Tensors;

namespace Portal.Ml.Formats.SafeTensors;

/// <summary>
/// Reads with positional reads on one handle: the header is read once, checked completely against the file length,
/// and only then is any tensor allocated, each at a size already proven to fit inside the file.
/// </summary>
internal static class SafeTensorsReader
{
    public static IReadOnlyList<NamedTensor> ReadTensors(string path)
    {
        using var handle = Open(path);
        var header = ReadHeader(handle, path);
        return header.Tensors
            .Where(entry => entry.DType is not null)
            .Select(entry => NamedTensor.Create(
                entry.Name,
                entry.Shape,
                RawFloatDecoder.Read(handle, header.DataStart + entry.Begin, (int)entry.ElementCount, entry.DType!.Value.Format(), path)))
            .ToList();
    }

    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        using var handle = Open(path);
        return ReadHeader(handle, path).Metadata;
    }

    private static SafeFileHandle Open(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);

    private static SafeTensorsHeader ReadHeader(SafeFileHandle handle, string path)
    {
        var fileLength = RandomAccess.GetLength(handle);
        if (fileLength < sizeof(ulong))
            throw SafeTensorsLimits.Corrupt(path, $"it is {fileLength} bytes long, too short for the 8-byte header length");

        Span<byte> lengthField = stackalloc byte[sizeof(ulong)];
        FileRanges.ReadExactly(handle, lengthField, 0, path);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthField);
        if (headerLength > SafeTensorsLimits.MaxHeaderBytes)
            throw SafeTensorsLimits.Corrupt(path, $"the header length {headerLength} exceeds the {SafeTensorsLimits.MaxHeaderBytes}-byte limit");
        var available = fileLength - sizeof(ulong);
        if ((long)headerLength > available)
            throw SafeTensorsLimits.Corrupt(path, $"the header length {headerLength} goes beyond the end of the file ({available} bytes follow the length field)");

        var json = new byte[headerLength];
        FileRanges.ReadExactly(handle, json, sizeof(ulong), path);
        var dataStart = sizeof(ulong) + (long)headerLength;
        return SafeTensorsHeaderParser.Parse(json, dataStart, fileLength - dataStart, path);
    }
}
