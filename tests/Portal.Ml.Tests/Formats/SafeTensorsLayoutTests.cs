using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Portal.Ml.Formats.SafeTensors;
using Portal.Ml.Tensors;

namespace Portal.Ml.Tests.Formats;

public class SafeTensorsLayoutTests
{
    [Fact]
    public void HeaderIsSpacePaddedToEightBytesAndDataFollowsInSortedNameOrder()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.safetensors");
        SafeTensorsFile.Write(path,
        [
            NamedTensor.Create("b", [3], [7, 8, 9]),
            NamedTensor.Create("a.weight", [1, 2], [0.5f, -0.25f]),
        ], SafeTensorsDType.F16);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)SafeTensorsBytes.HeaderLength(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);

        Assert.Equal(0, (8 + headerLength) % 8);
        Assert.Matches("^\\{.*\\} *$", header);
        using var json = JsonDocument.Parse(header);
        var a = json.RootElement.GetProperty("a.weight");
        var b = json.RootElement.GetProperty("b");
        Assert.Equal("F16", a.GetProperty("dtype").GetString());
        Assert.Equal([1, 2], a.GetProperty("shape").EnumerateArray().Select(item => item.GetInt64()));
        Assert.Equal([0, 4], a.GetProperty("data_offsets").EnumerateArray().Select(item => item.GetInt64()));
        Assert.Equal([4, 10], b.GetProperty("data_offsets").EnumerateArray().Select(item => item.GetInt64()));
        Assert.Equal(8 + headerLength + 10, bytes.Length);
        Assert.Equal((Half)0.5f, BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(8 + headerLength)));
    }

    [Fact]
    public void WritingOverAnExistingFileReplacesItWholeAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.safetensors");
        SafeTensorsFile.Write(path, [NamedTensor.Create("old", [1000], new float[1000])]);

        SafeTensorsFile.Write(path, [NamedTensor.Create("new", [2], [1, 2])]);

        Assert.Equal("new", Assert.Single(SafeTensorsFile.Read(path)).Name);
        Assert.Equal([path], Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AWriteThatFailsAtTheRenameLeavesNoTemporaryFileBehind()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.safetensors");
        Directory.CreateDirectory(path); // renaming a file onto a folder fails after all bytes were written

        Assert.ThrowsAny<IOException>(() => SafeTensorsFile.Write(path, [NamedTensor.Create("w", [2], [1, 2])]));

        Assert.Equal([path], Directory.GetFileSystemEntries(folder.Path));
    }

    [Theory]
    [InlineData("__metadata__")]
    [InlineData("")]
    public void TensorsWithNamesTheFormatReservesAreRefused(string name) =>
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(Path.Combine(Path.GetTempPath(), "never.safetensors"), [NamedTensor.Create(name, [1], [1])]));

    [Fact]
    public void TwoTensorsWithTheSameNameAreRefused() =>
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(Path.Combine(Path.GetTempPath(), "never.safetensors"),
            [NamedTensor.Create("w", [1], [1]), NamedTensor.Create("w", [1], [2])]));
}
