using System.Buffers.Binary;
using Portal.Ml.Formats.Gguf;

namespace Portal.Ml.Tests.Formats;

public class GgufCorruptFileTests
{
    [Fact]
    public void EveryTruncationIsRefusedWithInvalidDataExceptionAndNothingElse()
    {
        using var folder = new TempFolder();
        var valid = ValidBytes(folder, out var dataStart);
        var cut = folder.File("cut.gguf");
        var random = new Random(5);
        var lengths = Enumerable.Range(0, 600)
            .Concat(Enumerable.Range(0, 300).Select(_ => random.Next(600, (int)dataStart)))
            .Concat(Enumerable.Range(0, 100).Select(_ => random.Next((int)dataStart, valid.Length)));

        foreach (var length in lengths)
        {
            File.WriteAllBytes(cut, valid[..length]);
            var error = Record.Exception(() => GgufReader.Read(cut));
            Assert.True(error is InvalidDataException, $"A file cut at {length} of {valid.Length} bytes gave {error?.GetType().Name ?? "no error"}.");
            Assert.Contains(cut, error!.Message);
        }
    }

    [Fact]
    public void RandomByteChangesBeforeTheDataEitherReadOrAreRefusedAsInvalidData()
    {
        using var folder = new TempFolder();
        var valid = ValidBytes(folder, out var dataStart);
        var damaged = folder.File("damaged.gguf");
        var random = new Random(11);

        for (var trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])valid.Clone();
            bytes[random.Next(0, (int)dataStart)] = (byte)random.Next(256);
            File.WriteAllBytes(damaged, bytes);

            var error = Record.Exception(() => GgufReader.Read(damaged));
            Assert.True(error is null or InvalidDataException, $"Trial {trial} gave {error}.");
        }
    }

    [Theory]
    [InlineData(0, 0x47475546UL, 4, "not the magic")]
    [InlineData(4, 2UL, 4, "version 2")]
    [InlineData(8, 1UL << 40, 8, "the tensor count is 1099511627776")]
    [InlineData(16, ulong.MaxValue, 8, "the metadata count")]
    [InlineData(24, 1UL << 20, 8, "more than the 65535 allowed")]
    [InlineData(24, 60_000UL, 8, "metadata key 0")]
    public void AFieldThatLiesIsRefusedWithAMessageNamingTheFileAndTheProblem(int offset, ulong value, int width, string problem)
    {
        using var folder = new TempFolder();
        var bytes = ValidBytes(folder, out _);
        if (width == 4)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), (uint)value);
        else
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), value);
        var path = folder.File("lying.gguf");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => GgufReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void TrailingBytesAfterThePaddedDataAreRefused()
    {
        using var folder = new TempFolder();
        var path = folder.File("long.gguf");
        File.WriteAllBytes(path, [.. ValidBytes(folder, out _), 0, 0, 0, 0]);

        var error = Assert.Throws<InvalidDataException>(() => GgufReader.Read(path));

        Assert.Contains("4 trailing bytes", error.Message);
    }

    private static byte[] ValidBytes(TempFolder folder, out long dataStart)
    {
        var file = GgufGpt2ExportTests.Export(folder, GgufFloatType.F16, out var path);
        dataStart = file.DataStart;
        return File.ReadAllBytes(path);
    }
}
