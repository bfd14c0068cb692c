// Marks one symbol-version requirement of an ELF64 shared library as weak, so that the dynamic loader accepts a
// libstdc++ that lacks that version. Used by TorchSharpGlibcFix.targets (compiled there by RoslynCodeTaskFactory,
// which offers only the netstandard2.0 API: hence no Span, BinaryPrimitives or File.Move(overwrite)) and by
// tests/Portal.Ml.Tests (compiled with ELF_PATCHER_NO_MSBUILD, which leaves out the MSBuild task).
#nullable enable
using System;
using System.IO;
using System.Text;

namespace Portal.Build;

public enum ElfPatchOutcome
{
    Patched,        // the entry was strong and is now weak
    AlreadyWeak,    // nothing to do: a previous build (or the vendor) already made it weak
    NotRequired,    // the library does not ask for that version (a newer TorchSharp, the CUDA build, ...)
    Unsupported,    // not a little-endian ELF64 file, or a table points outside the file: left untouched
}

public static class ElfVersionNeedPatcher
{
    // ELF constants, from the System V gABI and the LSB "Symbol Versioning" chapter.
    const uint ShtGnuVerneed = 0x6ffffffe;  // section type of .gnu.version_r
    const ushort VerFlgWeak = 0x2;          // vna_flags bit: "a missing version is not fatal"
    const int ShdrSize = 64, VerneedSize = 16, VernauxSize = 16;

    /// <summary>
    /// Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="version"/> in <paramref name="elf"/>
    /// (in memory). Every offset is bounds-checked; on anything unexpected the bytes are left as they were.
    /// </summary>
    public static ElfPatchOutcome MakeVersionWeak(byte[] elf, string version, out string detail)
    {
        detail = "";
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            return Fail("no ELF magic", out detail);
        if (elf[4] != 2 || elf[5] != 1)
            return Fail("not ELFCLASS64 little-endian", out detail);

        ulong shoff = U64(elf, 0x28);
        int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
        if (shentsize != ShdrSize || shnum == 0 || !Fits(elf, shoff, (ulong)shnum * ShdrSize))
            return Fail("section header table out of range", out detail);

        // Find .gnu.version_r by type rather than by name: the type is what the loader's format defines.
        long verneed = -1;
        for (int i = 0; i < shnum && verneed < 0; i++)
            if (U32(elf, (long)shoff + i * ShdrSize + 4) == ShtGnuVerneed)
                verneed = (long)shoff + i * ShdrSize;
        if (verneed < 0)
            return NotRequired(version, out detail);

        ulong secOff = U64(elf, verneed + 24), secSize = U64(elf, verneed + 32);
        uint link = U32(elf, verneed + 40), count = U32(elf, verneed + 44);
        if (!Fits(elf, secOff, secSize) || link >= (uint)shnum)
            return Fail(".gnu.version_r out of range", out detail);
        // sh_link names the string table (.dynstr) that vn_file and vna_name index into.
        long strHdr = (long)shoff + link * ShdrSize;
        ulong strOff = U64(elf, strHdr + 24), strSize = U64(elf, strHdr + 32);
        if (!Fits(elf, strOff, strSize))
            return Fail(".dynstr out of range", out detail);

        // Entries are chained by relative offsets (vn_next, vn_aux, vna_next), not laid out as an array.
        // Walk them by those offsets, never further than the counts say, and stay inside the section.
        var toPatch = new System.Collections.Generic.List<long>();
        ulong need = 0;
        for (uint n = 0; n < count; n++)
        {
            if (need + VerneedSize > secSize) return Fail("Verneed entry out of range", out detail);
            long vn = (long)(secOff + need);
            int auxCount = U16(elf, vn + 2);
            ulong aux = need + U32(elf, vn + 8);
            for (int a = 0; a < auxCount; a++)
            {
                if (aux + VernauxSize > secSize) return Fail("Vernaux entry out of range", out detail);
                long vna = (long)(secOff + aux);
                string? name = ReadString(elf, strOff, strSize, U32(elf, vna + 8));
                if (name is null) return Fail("version name out of range", out detail);
                if (name == version) toPatch.Add(vna + 4);  // vna_flags
                uint nextAux = U32(elf, vna + 12);
                if (nextAux == 0) break;
                aux += nextAux;
            }
            uint next = U32(elf, vn + 12);
            if (next == 0) break;
            need += next;
        }

        if (toPatch.Count == 0)
            return NotRequired(version, out detail);
        bool changed = false;
        foreach (long flags in toPatch)
        {
            ushort value = (ushort)U16(elf, flags);
            if ((value & VerFlgWeak) != 0) continue;
            value |= VerFlgWeak;
            elf[flags] = (byte)value;
            elf[flags + 1] = (byte)(value >> 8);
            changed = true;
        }
        detail = changed ? $"made {version} weak" : $"{version} already weak";
        return changed ? ElfPatchOutcome.Patched : ElfPatchOutcome.AlreadyWeak;
    }

    /// <summary>
    /// Patches <paramref name="path"/> in place. The new bytes go to a temporary file that then replaces the
    /// original by rename, so that a hard link or symlink into the NuGet cache is replaced, never written
    /// through, and a crash cannot leave a half-written library behind. The original timestamp is kept so
    /// that the SDK's incremental copy still sees the file as up to date and does not copy it again.
    /// </summary>
    public static ElfPatchOutcome PatchFile(string path, string version, out string detail)
    {
        byte[] bytes = File.ReadAllBytes(path);
        ElfPatchOutcome outcome = MakeVersionWeak(bytes, version, out detail);
        if (outcome != ElfPatchOutcome.Patched)
            return outcome;

        DateTime lastWrite = File.GetLastWriteTimeUtc(path);
        string temp = path + ".weak-tmp";
        File.Copy(path, temp, overwrite: true);  // carries the file mode over (netstandard2.0 cannot set it)
        File.WriteAllBytes(temp, bytes);
        File.SetLastWriteTimeUtc(temp, lastWrite);
        File.Replace(temp, path, destinationBackupFileName: null);
        return outcome;
    }

    static ElfPatchOutcome Fail(string why, out string detail)
    {
        detail = why;
        return ElfPatchOutcome.Unsupported;
    }

    static ElfPatchOutcome NotRequired(string version, out string detail)
    {
        detail = $"does not require {version}";
        return ElfPatchOutcome.NotRequired;
    }

    static bool Fits(byte[] data, ulong offset, ulong length) =>
        offset <= (ulong)data.Length && length <= (ulong)data.Length - offset;

    static string? ReadString(byte[] data, ulong tableOff, ulong tableSize, uint index)
    {
        if (index >= tableSize) return null;
        long start = (long)(tableOff + index), end = (long)(tableOff + tableSize);
        long zero = Array.IndexOf(data, (byte)0, (int)start, (int)(end - start));
        return zero < 0 ? null : Encoding.ASCII.GetString(data, (int)start, (int)(zero - start));
    }

    // ELFDATA2LSB was checked above: decode little-endian explicitly, whatever the host's byte order.
    static int U16(byte[] b, long o) => b[o] | b[o + 1] << 8;
    static uint U32(byte[] b, long o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
    static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;
}

#if !ELF_PATCHER_NO_MSBUILD
/// <summary>MSBuild face of <see cref="ElfVersionNeedPatcher"/>: patches each of <see cref="Files"/>.</summary>
public class MakeElfVersionWeak : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    [Microsoft.Build.Framework.Required]
    public string Version { get; set; } = "";

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                ElfPatchOutcome outcome = ElfVersionNeedPatcher.PatchFile(path, Version, out string detail);
                // A patch, or a file we could not read, is worth a line in a normal build log; the
                // expected no-ops (already weak, not required) only show with -v:detailed.
                var importance = outcome == ElfPatchOutcome.Patched || outcome == ElfPatchOutcome.Unsupported
                    ? Microsoft.Build.Framework.MessageImportance.High
                    : Microsoft.Build.Framework.MessageImportance.Low;
                Log.LogMessage(importance, $"TorchSharpGlibcFix: {path}: {outcome} ({detail})");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A message, not a warning: warnings are errors in this repo, and an unpatched library
                // only matters on an old libstdc++, where TorchSharp's own load error will show up anyway.
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                    $"TorchSharpGlibcFix: skipped {path}: {e.Message}");
            }
        }
        return true;
    }
}
#endif
