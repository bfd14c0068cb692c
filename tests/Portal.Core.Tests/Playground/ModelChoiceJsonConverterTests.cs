using System.Text.Json;
using Portal.Core.Playground;

namespace Portal.Core.Tests.Playground;

public sealed class ModelChoiceJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new ModelChoiceJsonConverter() } };

    private sealed record Holder(ModelChoice Model);

    [Fact]
    public void AChoiceIsWrittenByItsShortNameAndReadBack()
    {
        var json = JsonSerializer.Serialize(new Holder(ModelChoice.ForCandidate(12)), Options);

        Assert.Equal("""{"Model":"job-12"}""", json);
        Assert.Equal(ModelChoice.ForCandidate(12), JsonSerializer.Deserialize<Holder>(json, Options)!.Model);
        Assert.Equal(ModelChoice.ForVersion(3), JsonSerializer.Deserialize<ModelChoice>("\"v3\"", Options));
    }

    [Theory]
    [InlineData("\"x3\"")]
    [InlineData("\"v0\"")]
    [InlineData("3")]
    [InlineData("null")]
    [InlineData("""{"Kind":0,"Id":3}""")]
    public void AnythingButAModelNameIsInvalid(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ModelChoice>(json, Options));
    }
}
