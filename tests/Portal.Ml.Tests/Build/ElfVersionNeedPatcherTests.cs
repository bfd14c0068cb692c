using System.Buffers.Binary;
using Portal.Build;

namespace Portal.Ml.Tests.Build;

public class ElfVersionNeedPatcherTests
{
    const string Target = "GLIBCXX_3.4.32";

    [Fact]
    public void PatchSetsTheWeakBitOnTheRequestedVersionOnly()
    {
        var elf = new SyntheticElf("GLIBCXX_3.4.30", Target);
        var before = (byte[])elf.Bytes.Clone();

        var outcome = ElfVersionNeedPatcher.MakeVersionWeak(elf.Bytes, Target, out _);

        Assert.Equal(ElfPatchOutcome.Patched, outcome);
        Assert.Equal(0x2, elf.Flags(1));
        Assert.Equal(0x0, elf.Flags(0));
        Assert.Equal([SyntheticElf.FlagsOffset(1)], ChangedOffsets(before, elf.Bytes));
    }

    [Fact]
    public void PatchingTwiceLeavesTheBytesOfTheFirstPatch()
    {
        var elf = new SyntheticElf("GLIBCXX_3.4.30", Target);
        ElfVersionNeedPatcher.MakeVersionWeak(elf.Bytes, Target, out _);
        var once = (byte[])elf.Bytes.Clone();

        var outcome = ElfVersionNeedPatcher.MakeVersionWeak(elf.Bytes, Target, out _);

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, outcome);
        Assert.Equal(once, elf.Bytes);
    }

    [Fact]
    public void OtherFlagBitsAreKept()
    {
        var elf = new SyntheticElf(Target);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.Bytes.AsSpan(SyntheticElf.FlagsOffset(0)), 0x1); // VER_FLG_BASE

        ElfVersionNeedPatcher.MakeVersionWeak(elf.Bytes, Target, out _);

        Assert.Equal(0x3, elf.Flags(0));
    }

    [Fact]
    public void LibraryThatDoesNotNeedTheVersionIsLeftAlone()
    {
        var elf = new SyntheticElf("GLIBCXX_3.4.30", "GLIBCXX_3.4.29");
        var before = (byte[])elf.Bytes.Clone();

        var outcome = ElfVersionNeedPatcher.MakeVersionWeak(elf.Bytes, Target, out _);

        Assert.Equal(ElfPatchOutcome.NotRequired, outcome);
        Assert.Equal(before, elf.Bytes);
    }

    [Theory]
    [InlineData(0)]      // empty file
    [InlineData(4)]      // ELFCLASS32
    [InlineData(5)]      // big-endian
    [InlineData(0x3A)]   // e_shentsize not 64
    [InlineData(0x28)]   // section headers beyond the end of the file
    public void UnexpectedHeadersAreLeftAlone(int corruptAt)
    {
        var elf = new SyntheticElf(Target);
        var bytes = corruptAt == 0 ? [] : elf.Bytes;
        if (corruptAt != 0) bytes[corruptAt] = 0x7f;
        var before = (byte[])bytes.Clone();

        var outcome = ElfVersionNeedPatcher.MakeVersionWeak(bytes, Target, out _);

        Assert.Equal(ElfPatchOutcome.Unsupported, outcome);
        Assert.Equal(before, bytes);
    }

    [Fact]
    public void VernauxPointingOutsideTheSectionIsLeftAlone()
    {
        var elf = new SyntheticElf("GLIBCXX_3.4.30", Target);
        // vna_next of the first entry jumps past the end of .gnu.version_r.
        BinaryPrimitives.WriteUInt32LittleEndian(elf.Bytes.AsSpan(SyntheticElf.FlagsOffset(0) + 8), 0x1000);
        var before = (byte[])elf.Bytes.Clone();

        var outcome = ElfVersionNeedPatcher.MakeVersionWeak(elf.Bytes, Target, out _);

        Assert.Equal(ElfPatchOutcome.Unsupported, outcome);
        Assert.Equal(before, elf.Bytes);
    }

    [Fact]
    public void TruncatedCopiesAreNeverPatched()
    {
        var whole = new SyntheticElf("GLIBCXX_3.4.30", Target).Bytes;
        for (int length = 0; length < whole.Length; length++)
        {
            var bytes = whole[..length];

            var outcome = ElfVersionNeedPatcher.MakeVersionWeak(bytes, Target, out _);

            Assert.True(outcome == ElfPatchOutcome.Unsupported, $"length {length}: {outcome}");
            Assert.Equal(whole[..length], bytes);
        }
    }

    [Fact]
    public void RandomCorruptionNeverThrowsAndChangesNothingButTheWeakBit()
    {
        var random = new Random(20240601);
        var original = new SyntheticElf("GLIBCXX_3.4.30", Target).Bytes;
        for (int run = 0; run < 20_000; run++)
        {
            var bytes = (byte[])original.Clone();
            for (int hits = random.Next(1, 4); hits > 0; hits--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var before = (byte[])bytes.Clone();

            var outcome = ElfVersionNeedPatcher.MakeVersionWeak(bytes, Target, out _);

            var changed = ChangedOffsets(before, bytes);
            if (outcome == ElfPatchOutcome.Patched)
                Assert.All(changed, at => Assert.Equal(0x2, before[at] ^ bytes[at]));
            else
                Assert.Empty(changed);
        }
    }

    static int[] ChangedOffsets(byte[] before, byte[] after) =>
        Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
}
