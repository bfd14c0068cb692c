using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Data.Training;

/// <summary>
/// One format for every JSON column of the training tables: enums by name, so that a stored row stays readable and
/// survives reordering an enum; nulls left out, so that events stay small.
/// </summary>
internal static class TrainingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A stored {typeof(T).Name} was null.");
}
