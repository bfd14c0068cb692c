using Portal.Ml.Formats.SafeTensors;
using Portal.Ml.Tensors;

namespace Portal.Ml.Tests.Formats;

public class SafeTensorsTruncationTests
{
    [Fact]
    public void EveryTruncationIsRefusedWithInvalidDataExceptionAndNothingElse()
    {
        using var folder = new TempFolder();
        var (valid, headerEnd) = ValidFile(folder);
        var cut = folder.File("cut.safetensors");
        var random = new Random(1234);
        var lengths = Enumerable.Range(0, headerEnd + 1)
            .Concat(Enumerable.Range(0, 200).Select(_ => random.Next(headerEnd + 1, valid.Length)));

        foreach (var length in lengths)
        {
            File.WriteAllBytes(cut, valid[..length]);
            var error = Record.Exception(() => SafeTensorsFile.Read(cut));
            Assert.True(error is InvalidDataException, $"A file cut at {length} of {valid.Length} bytes gave {error?.GetType().Name ?? "no error"}.");
            Assert.Contains(cut, error!.Message);
        }
    }

    [Fact]
    public void RandomByteChangesInTheHeaderEitherReadOrAreRefusedAsInvalidData()
    {
        using var folder = new TempFolder();
        var (valid, headerEnd) = ValidFile(folder);
        var damaged = folder.File("damaged.safetensors");
        var random = new Random(99);

        for (var trial = 0; trial < 500; trial++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
                bytes[random.Next(0, headerEnd)] = (byte)random.Next(256);
            File.WriteAllBytes(damaged, bytes);

            var error = Record.Exception(() => SafeTensorsFile.Read(damaged));
            Assert.True(error is null or InvalidDataException, $"Trial {trial} gave {error}.");
        }
    }

    private static (byte[] Bytes, int HeaderEnd) ValidFile(TempFolder folder)
    {
        var path = folder.File("valid.safetensors");
        var random = new Random(7);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => random.NextSingle() - 0.5f).ToArray();
        SafeTensorsFile.Write(path,
        [
            NamedTensor.Create("wte.weight", [10, 4], Values(40)),
            NamedTensor.Create("h.0.ln_1.bias", [4], Values(4)),
            NamedTensor.Create("scalar", [], Values(1)),
        ], SafeTensorsDType.F16, new Dictionary<string, string> { ["step"] = "12" });
        var bytes = File.ReadAllBytes(path);
        return (bytes, 8 + (int)SafeTensorsBytes.HeaderLength(bytes));
    }
}
