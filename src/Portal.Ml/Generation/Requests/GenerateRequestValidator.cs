namespace Portal.Ml.Generation.Requests;

/// <summary>Checks a generation request against the limits, naming each field at fault, and maps it onto the engine's options.</summary>
public static class GenerateRequestValidator
{
    public static Dictionary<string, string[]> Problems(GenerateRequest? request, GenerateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var problems = new Dictionary<string, string[]>();
        void Add(string field, string message) => problems[field] = [message];

        if (request is null)
        {
            Add("body", "Send a JSON body such as {\"prompt\": \"rain on the roof\"}.");
            return problems;
        }
        if (string.IsNullOrWhiteSpace(request.Prompt))
            Add("prompt", "prompt is required and cannot be empty.");
        else if (request.Prompt.Length > limits.MaxPromptChars)
            Add("prompt", $"prompt is {request.Prompt.Length} characters long; the limit is {limits.MaxPromptChars}.");
        if (request.MaxNewTokens is { } maxNewTokens && (maxNewTokens < 1 || maxNewTokens > limits.MaxNewTokens))
            Add("maxNewTokens", $"maxNewTokens must be between 1 and {limits.MaxNewTokens}.");
        if (request.Temperature is { } temperature && (!double.IsFinite(temperature) || temperature < 0 || temperature > limits.MaxTemperature))
            Add("temperature", $"temperature must be a finite number from 0 to {limits.MaxTemperature.ToString(System.Globalization.CultureInfo.InvariantCulture)} (0 always picks the likeliest token).");
        if (request.TopK is < 0)
            Add("topK", "topK cannot be negative (0 turns the top-k cut off).");
        if (request.TopP is { } topP && !(topP > 0 && topP <= 1))
            Add("topP", "topP must be above 0 and at most 1.");
        if (request.RepetitionPenalty is { } penalty && (!double.IsFinite(penalty) || penalty <= 0))
            Add("repetitionPenalty", "repetitionPenalty must be a finite number above 0 (1 means no penalty).");
        if (request.Stop is { } stop)
        {
            if (stop.Count > limits.MaxStopStrings)
                Add("stop", $"stop has {stop.Count} strings; the limit is {limits.MaxStopStrings}.");
            else if (stop.Any(string.IsNullOrEmpty))
                Add("stop", "stop strings cannot be empty.");
            else if (stop.Any(text => text.Length > limits.MaxStopChars))
                Add("stop", $"a stop string can be at most {limits.MaxStopChars} characters long.");
        }
        return problems;
    }

    /// <summary>For a request without <see cref="Problems"/>. A topK of 0 means no top-k cut, as in Hugging Face.</summary>
    public static GenerationOptions ToOptions(GenerateRequest request, GenerateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var defaults = new GenerationOptions();
        return defaults with
        {
            MaxNewTokens = request.MaxNewTokens ?? Math.Min(limits.DefaultMaxNewTokens, limits.MaxNewTokens),
            Temperature = request.Temperature ?? defaults.Temperature,
            TopK = request.TopK is { } topK ? (topK == 0 ? null : topK) : defaults.TopK,
            TopP = request.TopP ?? defaults.TopP,
            RepetitionPenalty = request.RepetitionPenalty ?? defaults.RepetitionPenalty,
            Seed = request.Seed,
            StopSequences = request.Stop ?? [],
        };
    }
}
