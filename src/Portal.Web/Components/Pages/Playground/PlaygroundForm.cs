using Portal.Core.Playground;
using Portal.Ml.Generation;
using Portal.Ml.Generation.Requests;
using Portal.Web.Services.Playground;

namespace Portal.Web.Components.Pages.Playground;

/// <summary>
/// What the writer has set up for the next run: the prompt, the sampling settings, the seed and its lock, the models
/// and blind mode. Kept apart from the run itself, so that a refused or stopped run never loses what was typed.
/// </summary>
public sealed class PlaygroundForm
{
    public string Prompt { get; set; } = "";

    public double Temperature { get; set; }

    /// <summary>0 turns the top-k cut off, as in the API.</summary>
    public int TopK { get; set; }

    /// <summary>1 keeps every token: the top-p cut is off.</summary>
    public double TopP { get; set; }

    public double RepetitionPenalty { get; set; }

    public int MaxNewTokens { get; set; }

    /// <summary>The seed shown: the one a locked run uses, or the one the last unlocked run drew.</summary>
    public long? Seed { get; set; }

    public bool SeedLocked { get; set; }

    public List<ModelChoice> Models { get; set; } = [];

    public bool Blind { get; set; }

    /// <summary>Locking with no seed shown yet draws one, so that a locked run always has a seed to repeat.</summary>
    public void LockSeed(bool locked)
    {
        SeedLocked = locked;
        if (locked && Seed is null)
            Seed = PlaygroundSeeds.Draw();
    }

    /// <summary>A seed the writer types is one they want to keep: typing it locks it.</summary>
    public void TypeSeed(long? seed)
    {
        Seed = seed;
        SeedLocked = seed is not null;
    }

    /// <summary>The engine's own sampling defaults, and the portal's default length.</summary>
    public static PlaygroundForm Defaults(GenerateLimits limits)
    {
        var engine = new GenerationOptions();
        return new PlaygroundForm
        {
            Temperature = engine.Temperature,
            TopK = engine.TopK ?? 0,
            TopP = engine.TopP ?? 1,
            RepetitionPenalty = engine.RepetitionPenalty,
            MaxNewTokens = Math.Clamp(limits.DefaultMaxNewTokens, 1, limits.MaxNewTokens),
        };
    }

    /// <summary>An unlocked seed is left out, so that the service draws a fresh one (and reports it).</summary>
    public PlaygroundRunRequest ToRequest() => new(
        new GenerateRequest
        {
            Prompt = Prompt,
            MaxNewTokens = MaxNewTokens,
            Temperature = Temperature,
            TopK = TopK,
            TopP = TopP,
            RepetitionPenalty = RepetitionPenalty,
            Seed = SeedLocked ? Seed : null,
        },
        [.. Models]);

    /// <summary>Takes a past run's prompt and settings with its seed locked, so that running again repeats it.</summary>
    public void Fill(GenerationRecord record, IEnumerable<ModelChoice> models)
    {
        var settings = record.Settings;
        Prompt = record.Prompt;
        Temperature = settings.Temperature;
        TopK = settings.TopK ?? 0;
        TopP = settings.TopP ?? 1;
        RepetitionPenalty = settings.RepetitionPenalty;
        MaxNewTokens = settings.MaxNewTokens;
        Seed = settings.Seed;
        SeedLocked = true;
        Models = [.. models];
    }
}
