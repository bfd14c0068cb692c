using Portal.Build;

namespace Portal.Ml.Tests.Build;

/// <summary>Checks the real libLibTorchSharp.so that the build copied (and patched) into this test's output.</summary>
public class TorchSharpNativeLibraryTests
{
    const string Target = "GLIBCXX_3.4.32";

    static string OutputLibrary()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("libLibTorchSharp.so not in the test output", candidates[0]);
    }

    [Fact]
    public void BuildLeftTheOutputCopyWithAWeakVersionNeed()
    {
        if (!OperatingSystem.IsLinux()) return;  // the .so only lands in the output on Linux
        var bytes = File.ReadAllBytes(OutputLibrary());

        var outcome = ElfVersionNeedPatcher.MakeVersionWeak(bytes, Target, out var detail);

        // NotRequired would mean a TorchSharp that no longer needs the fix: time to retire it.
        Assert.True(outcome == ElfPatchOutcome.AlreadyWeak, $"{outcome}: {detail}");
    }

    [Fact]
    public void PatchingARealLibraryTwiceChangesOneFlagByteAndKeepsModeAndTimestamp()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = Directory.CreateTempSubdirectory("elf-patch-");
        try
        {
            var copy = Path.Combine(dir.FullName, "libLibTorchSharp.so");
            File.Copy(OutputLibrary(), copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(copy, stamp);
            var original = File.ReadAllBytes(copy);
            // GLIBCXX_3.4.30 is still a strong need in the shipped library, so it exercises a real patch.
            const string strong = "GLIBCXX_3.4.30";

            var first = ElfVersionNeedPatcher.PatchFile(copy, strong, out _);
            var once = File.ReadAllBytes(copy);
            var second = ElfVersionNeedPatcher.PatchFile(copy, strong, out _);

            Assert.Equal(ElfPatchOutcome.Patched, first);
            Assert.Equal(ElfPatchOutcome.AlreadyWeak, second);
            var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != once[i]).ToArray();
            var at = Assert.Single(changed);
            Assert.Equal(0x2, once[at] ^ original[at]);
            Assert.Equal(once, File.ReadAllBytes(copy));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(copy));
            Assert.True(File.GetUnixFileMode(copy).HasFlag(UnixFileMode.UserExecute));
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.weak-tmp"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
