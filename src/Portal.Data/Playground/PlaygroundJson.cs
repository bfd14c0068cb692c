using System.Text.Json;
using Portal.Core.Playground;

namespace Portal.Data.Playground;

/// <summary>
/// The format of the playground's JSON columns: models by their short names ("v3"), and timing figures that may be
/// NaN or infinite (a run that produced no token has no rate) stored as such rather than failing the whole run.
/// </summary>
internal static class PlaygroundJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new ModelChoiceJsonConverter() },
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A stored {typeof(T).Name} was null.");
}
