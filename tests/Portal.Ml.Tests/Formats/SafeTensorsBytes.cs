using System.Buffers.Binary;
using System.Text;

namespace Portal.Ml.Tests.Formats;

/// <summary>Builds safetensors files byte by byte, so that tests can say exactly how a file lies.</summary>
internal static class SafeTensorsBytes
{
    public static byte[] Build(string headerJson, int dataBytes, ulong? declaredHeaderLength = null)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var file = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, declaredHeaderLength ?? (ulong)header.Length);
        header.CopyTo(file, 8);
        for (var i = 0; i < dataBytes; i++)
            file[8 + header.Length + i] = (byte)i;
        return file;
    }

    public static ulong HeaderLength(byte[] file) => BinaryPrimitives.ReadUInt64LittleEndian(file);
}
