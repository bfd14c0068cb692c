using Portal.Ml.Formats.SafeTensors;
using Portal.Ml.Tensors;

namespace Portal.Ml.Tests.Formats;

public class SafeTensorsRoundTripTests
{
    // Negative, tiny (F16-subnormal and below), large (at and beyond F16's range), and the IEEE special values.
    private static readonly float[] Probes =
    [
        0f, -0f, 1f, -1f, 0.1f, -2.5f, 3.14159265f, 1234.5678f, -0.000123f,
        1e-5f, 1e-8f, 6.1e-5f, 65504f, 65520f, 1e5f, -1e5f, 1e38f, -3e-39f,
        float.MaxValue, float.Epsilon, float.NaN, float.PositiveInfinity, float.NegativeInfinity,
        2049f, 2051f, 1f + 1f / 256, 1f + 3f / 256,
    ];

    [Fact]
    public void F32RoundTripIsBitExactIncludingNaNInfinityAndNegativeZero()
    {
        var read = RoundTrip(SafeTensorsDType.F32);

        Assert.Equal(Probes.Select(BitConverter.SingleToInt32Bits), read.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void F16RoundTripRoundsToTheNearestHalfAndKeepsNaNAndInfinities()
    {
        var read = RoundTrip(SafeTensorsDType.F16);

        for (var i = 0; i < Probes.Length; i++)
        {
            var (x, y) = (Probes[i], read[i]);
            Assert.Equal((float)(Half)x, y);
            if (float.IsNaN(x))
                Assert.True(float.IsNaN(y));
            else if (Math.Abs(x) > 65519f) // past the rounding boundary of F16's largest value, 65504
                Assert.Equal(float.IsNegative(x) ? float.NegativeInfinity : float.PositiveInfinity, y);
            else if (Math.Abs(x) >= 6.1035156e-5f) // normal F16: 11 significant bits
                Assert.True(Math.Abs(y - x) <= Math.Abs(x) / 2048, $"{x} came back as {y}");
            else // subnormal F16: absolute spacing 2^-24
                Assert.True(Math.Abs(y - x) <= MathF.Pow(2, -25), $"{x} came back as {y}");
        }
        Assert.Equal(-0f, read[1]);
        Assert.True(float.IsNegative(read[1]));
        Assert.Equal(0f, read[Array.IndexOf(Probes, 1e-8f)]);
        Assert.Equal(2048f, read[Array.IndexOf(Probes, 2049f)]); // ties go to even
        Assert.Equal(2052f, read[Array.IndexOf(Probes, 2051f)]);
    }

    [Fact]
    public void BF16RoundTripRoundsToTheNearestEvenBFloat16AndKeepsNaNAndInfinities()
    {
        var read = RoundTrip(SafeTensorsDType.BF16);

        for (var i = 0; i < Probes.Length; i++)
        {
            var (x, y) = (Probes[i], read[i]);
            if (float.IsNaN(x))
                Assert.True(float.IsNaN(y));
            else if (float.IsInfinity(x) || x == float.MaxValue)
                Assert.Equal(float.PositiveInfinity * Math.Sign(x), y); // float.MaxValue rounds past BF16's largest
            else if (Math.Abs(x) >= 1.1754944e-38f) // normal: 8 significant bits
                Assert.True(Math.Abs(y - x) <= Math.Abs(x) / 256, $"{x} came back as {y}");
            else
                Assert.True(Math.Abs(y - x) <= MathF.Pow(2, -134), $"{x} came back as {y}");
        }
        Assert.Equal(0.10009765625f, read[Array.IndexOf(Probes, 0.1f)]);
        Assert.Equal(1f, read[Array.IndexOf(Probes, 1f + 1f / 256)]);           // tie between 1 and 1+2^-7: even is 1
        Assert.Equal(1f + 1f / 64, read[Array.IndexOf(Probes, 1f + 3f / 256)]); // tie: even is 1+2^-6
        Assert.Equal(0f, read[Array.IndexOf(Probes, float.Epsilon)]);
        Assert.True(float.IsNegative(read[1]));
    }

    [Fact]
    public void TensorsComeBackWithTheirNamesShapesAndValuesInNameOrder()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.safetensors");
        var tensors = new[]
        {
            NamedTensor.Create("h.0.mlp.c_fc.weight", [2, 3], [1, 2, 3, 4, 5, 6]),
            NamedTensor.Create("wte.weight", [3, 1], [-1, 0, 1]),
            NamedTensor.Create("scalar", [], [42]),
            NamedTensor.Create("empty", [0, 4], []),
        };

        SafeTensorsFile.Write(path, tensors);
        var read = SafeTensorsFile.Read(path);

        Assert.Equal(["empty", "h.0.mlp.c_fc.weight", "scalar", "wte.weight"], read.Select(tensor => tensor.Name));
        foreach (var tensor in tensors)
        {
            var back = Assert.Single(read, candidate => candidate.Name == tensor.Name);
            Assert.Equal(tensor.Shape, back.Shape);
            Assert.Equal(tensor.Data, back.Data);
        }
    }

    [Fact]
    public void MetadataRoundTripsWithFormatPtAddedSoTransformersAcceptsTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.safetensors");
        var metadata = new Dictionary<string, string> { ["dataset"] = "sha256:ab12", ["poète"] = "Verlaine \"Pauvre Lelian\"", ["empty"] = "" };

        SafeTensorsFile.Write(path, [NamedTensor.Create("w", [1], [1])], SafeTensorsDType.BF16, metadata);
        var read = SafeTensorsFile.ReadMetadata(path);

        Assert.Equal(metadata.Append(new("format", "pt")).OrderBy(pair => pair.Key), read.OrderBy(pair => pair.Key));
    }

    [Fact]
    public void AFormatGivenByTheCallerIsKept()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.safetensors");

        SafeTensorsFile.Write(path, [NamedTensor.Create("w", [1], [1])], metadata: new Dictionary<string, string> { ["format"] = "mlx" });

        Assert.Equal("mlx", SafeTensorsFile.ReadMetadata(path)["format"]);
    }

    [Fact]
    public void AFileWithoutMetadataHasEmptyMetadata()
    {
        using var folder = new TempFolder();
        var path = folder.File("bare.safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.Build("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8));

        Assert.Empty(SafeTensorsFile.ReadMetadata(path));
        Assert.Equal([2], Assert.Single(SafeTensorsFile.Read(path)).Shape);
    }

    private static float[] RoundTrip(SafeTensorsDType dtype)
    {
        using var folder = new TempFolder();
        var path = folder.File("probes.safetensors");
        SafeTensorsFile.Write(path, [NamedTensor.Create("probes", [Probes.Length], Probes)], dtype);
        return Assert.Single(SafeTensorsFile.Read(path)).Data;
    }
}
