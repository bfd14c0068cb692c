using System.Buffers.Binary;
using System.Text;

namespace Portal.Ml.Tests.Build;

/// <summary>
/// The smallest ELF64 file the patcher accepts: a header, a .dynstr, and a .gnu.version_r whose one Verneed entry
/// (libstdc++.so.6) has one Vernaux entry per version, in this layout:
///   0x00 ELF header | 0x40 .dynstr | 0x100 .gnu.version_r | then 3 section headers (null, .dynstr, version_r).
/// Offsets are computed here independently of the patcher, so the tests can check its result byte by byte.
/// </summary>
internal sealed class SyntheticElf
{
    public const int VerneedOffset = 0x100;
    public byte[] Bytes { get; }

    public SyntheticElf(params string[] versions)
    {
        var strings = new List<byte> { 0 };
        int Add(string s) { int at = strings.Count; strings.AddRange(Encoding.ASCII.GetBytes(s)); strings.Add(0); return at; }
        int file = Add("libstdc++.so.6");
        int[] names = versions.Select(Add).ToArray();

        int verneedSize = 16 + 16 * versions.Length;
        int shoff = VerneedOffset + verneedSize;
        Bytes = new byte[shoff + 3 * 64];
        var b = Bytes.AsSpan();

        "\x7f"u8.CopyTo(b); "ELF"u8.CopyTo(b[1..]);
        b[4] = 2; b[5] = 1; b[6] = 1;                              // ELFCLASS64, little-endian, version 1
        BinaryPrimitives.WriteUInt64LittleEndian(b[0x28..], (ulong)shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(b[0x3A..], 64);   // e_shentsize
        BinaryPrimitives.WriteUInt16LittleEndian(b[0x3C..], 3);    // e_shnum

        strings.ToArray().CopyTo(b[0x40..]);

        var vn = b[VerneedOffset..];
        BinaryPrimitives.WriteUInt16LittleEndian(vn, 1);                              // vn_version
        BinaryPrimitives.WriteUInt16LittleEndian(vn[2..], (ushort)versions.Length);   // vn_cnt
        BinaryPrimitives.WriteUInt32LittleEndian(vn[4..], (uint)file);                // vn_file
        BinaryPrimitives.WriteUInt32LittleEndian(vn[8..], 16);                        // vn_aux
        for (int i = 0; i < versions.Length; i++)
        {
            var vna = vn[(16 + 16 * i)..];
            BinaryPrimitives.WriteUInt16LittleEndian(vna[6..], (ushort)(2 + i));      // vna_other
            BinaryPrimitives.WriteUInt32LittleEndian(vna[8..], (uint)names[i]);       // vna_name
            BinaryPrimitives.WriteUInt32LittleEndian(vna[12..], i + 1 < versions.Length ? 16u : 0u); // vna_next
        }

        WriteSection(b[(shoff + 64)..], type: 3, offset: 0x40, size: strings.Count, link: 0, info: 0);
        WriteSection(b[(shoff + 128)..], type: 0x6ffffffe, offset: VerneedOffset, size: verneedSize, link: 1, info: 1);
    }

    /// <summary>File offset of vna_flags of the i-th version passed to the constructor.</summary>
    public static int FlagsOffset(int index) => VerneedOffset + 16 + 16 * index + 4;

    public ushort Flags(int index) => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(FlagsOffset(index)));

    static void WriteSection(Span<byte> h, uint type, int offset, int size, uint link, uint info)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], type);
        BinaryPrimitives.WriteUInt64LittleEndian(h[24..], (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(h[32..], (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(h[40..], link);
        BinaryPrimitives.WriteUInt32LittleEndian(h[44..], info);
    }
}
