using Portal.Ml.Formats.SafeTensors;

namespace Portal.Ml.Tests.Formats;

public class SafeTensorsCorruptFileTests
{
    private const string A = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F8_E9M9\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "dtype \"F8_E9M9\"")]
    [InlineData("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8, "dtype \"I64\"")]
    [InlineData("{" + A + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "overlapping")]
    [InlineData("{" + A + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20, "gap")]
    [InlineData("{" + A + "}", 4, "outside the data section")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "before it begins")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "needs 12 bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "needs 4 bytes")]
    [InlineData("{" + A + "}", 12, "4 trailing bytes")]
    [InlineData("{" + A + "," + A + "}", 8, "appears twice")]
    [InlineData("{\"a\": nope}", 8, "not valid JSON")]
    [InlineData("[1, 2, 3]", 8, "not a JSON object")]
    [InlineData("", 8, "not a JSON object")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8, "non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,8]}}", 8, "too large to address")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "no data_offsets")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4,8]}}", 8, "3 data_offsets")]
    [InlineData("{\"a\":5}", 8, "not an object")]
    [InlineData("{\"__metadata__\":{\"epochs\":3}," + A + "}", 8, "not a string")]
    [InlineData("{\"__metadata__\":[\"x\"]," + A + "}", 8, "not an object of strings")]
    public void ALyingHeaderIsRefusedWithAMessageNamingTheFileAndTheProblem(string header, int dataBytes, string problem)
    {
        var error = ReadBuilt(SafeTensorsBytes.Build(header, dataBytes), out var path);

        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void AFileShorterThanTheLengthFieldIsRefused()
    {
        var error = ReadBuilt([1, 2, 3, 4, 5], out _);

        Assert.Contains("too short for the 8-byte header length", error.Message);
    }

    [Fact]
    public void AHeaderLengthBeyondTheEndOfTheFileIsRefused()
    {
        var error = ReadBuilt(SafeTensorsBytes.Build("{" + A + "}", 8, declaredHeaderLength: 1000), out _);

        Assert.Contains("goes beyond the end of the file", error.Message);
    }

    [Theory]
    [InlineData(200_000_000UL)]
    [InlineData(ulong.MaxValue)]
    public void AHeaderLengthAboveOneHundredMegabytesIsRefusedBeforeAnythingIsAllocated(ulong declared)
    {
        var error = ReadBuilt(SafeTensorsBytes.Build("{" + A + "}", 8, declaredHeaderLength: declared), out _);

        Assert.Contains("exceeds the 100000000-byte limit", error.Message);
    }

    [Fact]
    public void MetadataIsNotReturnedFromAFileWhoseTensorsDoNotAddUp()
    {
        using var folder = new TempFolder();
        var path = folder.File("lying.safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.Build("{\"__metadata__\":{\"format\":\"pt\"}," + A + "}", 4));

        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.ReadMetadata(path));
    }

    private static InvalidDataException ReadBuilt(byte[] bytes, out string path)
    {
        using var folder = new TempFolder();
        path = folder.File("corrupt.safetensors");
        File.WriteAllBytes(path, bytes);
        var file = path;
        return Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(file));
    }
}
