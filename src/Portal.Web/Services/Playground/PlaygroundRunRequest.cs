using Portal.Core.Playground;
using Portal.Ml.Generation.Requests;

namespace Portal.Web.Services.Playground;

/// <summary>One run: the prompt and sampling settings (checked against the limits), for one model or several side by side with the same seed.</summary>
public sealed record PlaygroundRunRequest(GenerateRequest Sampling, IReadOnlyList<ModelChoice> Models);
