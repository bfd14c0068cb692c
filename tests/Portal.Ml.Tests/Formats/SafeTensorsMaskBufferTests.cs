using Portal.Ml.Formats.SafeTensors;

namespace Portal.Ml.Tests.Formats;

/// <summary>Older Hugging Face GPT-2 saves carry the causal masks as BOOL/U8 tensors; they must not block a load.</summary>
public class SafeTensorsMaskBufferTests
{
    private const string Weight = "\"h.0.ln_1.weight\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    [Theory]
    [InlineData("BOOL", "h.0.attn.bias")]
    [InlineData("U8", "transformer.h.3.attn.bias")]
    [InlineData("U8", "h.0.attn.masked_bias")]
    public void NonFloatCausalMasksAreCheckedAndLeftOutOfWhatIsRead(string dtype, string name)
    {
        var header = "{" + Weight + ",\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[1,1,2,2],\"data_offsets\":[8,12]}}";
        using var folder = new TempFolder();
        var path = Write(folder, header);

        var tensors = SafeTensorsFile.Read(path);

        var only = Assert.Single(tensors);
        Assert.Equal("h.0.ln_1.weight", only.Name);
        Assert.Equal(2, only.Data.Length);
    }

    [Fact]
    public void ANonFloatTensorThatIsNotAMaskIsStillRefused()
    {
        var header = "{" + Weight + ",\"h.0.mlp.c_fc.bias\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[8,12]}}";
        using var folder = new TempFolder();
        var path = Write(folder, header);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path));

        Assert.Contains("dtype \"U8\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMaskWhoseSizeDisagreesWithItsShapeIsRefused()
    {
        var header = "{" + Weight + ",\"h.0.attn.bias\":{\"dtype\":\"BOOL\",\"shape\":[1,1,4,4],\"data_offsets\":[8,12]}}";
        using var folder = new TempFolder();
        var path = Write(folder, header);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path));

        Assert.Contains("needs 16 bytes", error.Message, StringComparison.Ordinal);
    }

    private static string Write(TempFolder folder, string header)
    {
        var path = folder.File("mask.safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.Build(header, 12));
        return path;
    }
}
