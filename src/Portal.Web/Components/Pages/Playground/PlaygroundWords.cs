using System.Globalization;
using Portal.Core.Playground;
using Portal.Ml.Generation;
using Portal.Web.Services.Playground;

namespace Portal.Web.Components.Pages.Playground;

/// <summary>How the playground puts figures and outcomes into words, the same in every output and in the history.</summary>
public static class PlaygroundWords
{
    public static string Finish(FinishReason reason) => reason switch
    {
        FinishReason.EndOfText => "The model ended the verse",
        FinishReason.StopSequence => "Stopped at a stop sequence",
        FinishReason.Length => "Reached the token limit",
        FinishReason.Cancelled => "Stopped before the end",
        _ => reason.ToString(),
    };

    /// <summary>"12% copied from training verses"; a share too small to round up still says something was copied.</summary>
    public static string CopiedShare(CopyFindings copy)
    {
        if (copy.Passages.Count == 0 && copy.CopiedTokens == 0)
            return "No copied passages";
        var percent = Math.Round(copy.Share * 100);
        var figure = percent < 1 ? "Under 1%" : percent.ToString("0", CultureInfo.InvariantCulture) + "%";
        return $"{figure} copied from training verses";
    }

    public static string Milliseconds(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    public static string TokensPerSecond(double rate) => rate.ToString("0.0", CultureInfo.InvariantCulture) + " tokens/s";

    /// <summary>Blind outputs are known by their place: Output A, Output B, …</summary>
    public static string BlindName(int index) => "Output " + (char)('A' + index);

    /// <summary>One line of a past run's settings, in the order of the sampling controls.</summary>
    public static string Settings(SamplingSettings settings)
    {
        var parts = new List<string>
        {
            "temperature " + Number(settings.Temperature),
            settings.TopK is { } topK and > 0 ? $"top-k {topK}" : "top-k off",
            settings.TopP is { } topP and < 1 ? "top-p " + Number(topP) : "top-p off",
            "repetition penalty " + Number(settings.RepetitionPenalty),
            $"{settings.MaxNewTokens} tokens",
            "seed " + settings.Seed.ToString(CultureInfo.InvariantCulture),
        };
        return string.Join(" · ", parts);
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
