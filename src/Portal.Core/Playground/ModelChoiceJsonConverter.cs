using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Playground;

/// <summary>
/// Writes a <see cref="ModelChoice"/> as its short form ("v3", "job-12"), the way URLs and people name models, so that
/// stored JSON and API payloads read the same; anything <see cref="ModelChoice.TryParse"/> refuses is invalid JSON.
/// </summary>
public sealed class ModelChoiceJsonConverter : JsonConverter<ModelChoice>
{
    public override ModelChoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"A model is written as a string such as \"v3\" or \"job-12\", not {reader.TokenType}.");
        var text = reader.GetString();
        return ModelChoice.TryParse(text, out var choice)
            ? choice
            : throw new JsonException($"\"{text}\" names no model: expected \"v3\" or \"job-12\".");
    }

    public override void Write(Utf8JsonWriter writer, ModelChoice value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
