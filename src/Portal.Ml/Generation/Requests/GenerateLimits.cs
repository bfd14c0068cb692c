namespace Portal.Ml.Generation.Requests;

/// <summary>What one generation request may ask for. The serving app binds it from "Serving:Limits", the portal from "Portal:Playground:Limits".</summary>
public sealed class GenerateLimits
{
    public int MaxPromptChars { get; set; } = 2000;

    public int MaxNewTokens { get; set; } = 512;

    /// <summary>Used when a request does not say; shorter than the engine's own default, since a verse is short.</summary>
    public int DefaultMaxNewTokens { get; set; } = 128;

    /// <summary>Above about 2 the text is already noise; far above, the sampler divides the logits into nothing.</summary>
    public double MaxTemperature { get; set; } = 10;

    public int MaxStopStrings { get; set; } = 4;

    public int MaxStopChars { get; set; } = 64;
}
