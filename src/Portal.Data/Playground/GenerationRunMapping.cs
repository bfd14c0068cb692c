using Portal.Core.Playground;
using Portal.Data.Entities;

namespace Portal.Data.Playground;

/// <summary>Rows of the run history as the Core record, and back.</summary>
internal static class GenerationRunMapping
{
    public static GenerationRecord ToRecord(GenerationRunEntity run) => new(
        run.Id,
        run.UserId,
        run.CreatedAt,
        run.Prompt,
        PlaygroundJson.Read<SamplingSettings>(run.SettingsJson),
        PlaygroundJson.Read<List<GenerationOutput>>(run.OutputsJson));

    public static GenerationRunEntity ToEntity(string userId, NewGeneration generation, DateTimeOffset createdAt) => new()
    {
        UserId = userId,
        CreatedAt = createdAt,
        Prompt = generation.Prompt,
        SettingsJson = PlaygroundJson.Write(generation.Settings),
        OutputsJson = PlaygroundJson.Write(generation.Outputs),
    };
}
