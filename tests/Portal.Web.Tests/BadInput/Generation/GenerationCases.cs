using System.Net;
using System.Text.Json;

namespace Portal.Web.Tests.BadInput.Generation;

/// <summary>Every hostile generation request with its expected answer (the corpus README lists the same), at the portal's default limits.</summary>
public static class GenerationCases
{
    private const HttpStatusCode Bad = HttpStatusCode.BadRequest;
    private const string NumberOfTokens = "maxNewTokens must be between 1 and 512";
    private const string NotANumber = "must be a number";
    private const string NotFinite = "temperature must be a finite number from 0 to 10";

    public static readonly IReadOnlyList<GenerationCase> All =
    [
        FromFile("max-new-tokens-zero.json", Bad, "maxNewTokens", NumberOfTokens),
        FromFile("max-new-tokens-negative.json", Bad, "maxNewTokens", NumberOfTokens),
        FromFile("max-new-tokens-billion.json", Bad, "maxNewTokens", NumberOfTokens),
        FromFile("max-new-tokens-overflow.json", Bad, "maxNewTokens", "must be a whole number"),
        FromFile("max-new-tokens-fraction.json", Bad, "maxNewTokens", "must be a whole number"),
        FromFile("temperature-nan-string.json", Bad, "temperature", NotFinite),
        FromFile("temperature-nan-literal.json", Bad, "temperature", NotANumber),
        FromFile("temperature-infinity-string.json", Bad, "temperature", NotFinite),
        FromFile("temperature-negative.json", Bad, "temperature", "temperature must be a finite number from 0 to 10"),
        FromFile("temperature-text.json", Bad, "temperature", NotANumber),
        FromFile("temperature-huge.json", Bad, "temperature", "temperature must be a finite number from 0 to 10"),
        FromFile("temperature-overflow.json", Bad, "temperature", NotFinite),
        FromFile("top-p-above-one.json", Bad, "topP", "topP must be above 0 and at most 1"),
        FromFile("top-p-negative.json", Bad, "topP", "topP must be above 0 and at most 1"),
        FromFile("top-k-negative.json", Bad, "topK", "topK cannot be negative"),
        FromFile("repetition-penalty-zero.json", Bad, "repetitionPenalty", "repetitionPenalty must be a finite number above 0"),
        FromFile("seed-overflow.json", Bad, "seed", "must be a whole number"),
        FromFile("stop-too-many.json", Bad, "stop", "stop has 10 strings; the limit is 4"),
        FromFile("stop-too-long.json", Bad, "stop", "a stop string can be at most 64 characters long"),
        FromFile("stop-empty-string.json", Bad, "stop", "stop strings cannot be empty"),
        FromFile("stop-not-a-list.json", Bad, "stop", "must be a list of text"),
        FromFile("prompt-number.json", Bad, "prompt", "must be text"),
        FromFile("prompt-blank.json", Bad, "prompt", "prompt is required and cannot be empty"),
        FromFile("model-path-traversal.json", Bad, "model", "model must name a version as \"v3\" or a candidate as \"job-12\""),
        FromFile("model-unknown-version.json", HttpStatusCode.NotFound, "", "There is no model v999"),
        FromFile("candidate-negative.json", Bad, "candidate", "candidate must be a training job id, 1 or more"),
        FromFile("version-zero.json", Bad, "version", "version must be a version number, 1 or more"),
        FromFile("several-models.json", Bad, "model", "Name one model"),
        FromFile("body-not-an-object.json", Bad, "body", "Send a JSON object"),
        Generated("prompt-one-megabyte", Bad, "prompt", "prompt is 1048576 characters long; the limit is 2000", new string('w', 1024 * 1024)),
        Generated("prompt-one-over-the-limit", Bad, "prompt", "prompt is 2001 characters long; the limit is 2000", new string('w', 2001)),
    ];

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in All)
                data.Add(c.Name);
            return data;
        }
    }

    public static GenerationCase Find(string name) => All.Single(c => c.Name == name);

    private static GenerationCase FromFile(string file, HttpStatusCode status, string field, string phrase) =>
        new(file, status, field, phrase) { File = file };

    private static GenerationCase Generated(string name, HttpStatusCode status, string field, string phrase, string prompt) =>
        new(name, status, field, phrase) { Build = () => $"{{\"prompt\": {JsonSerializer.Serialize(prompt)}, \"candidate\": {GenerationCase.CandidatePlaceholder}}}" };
}
