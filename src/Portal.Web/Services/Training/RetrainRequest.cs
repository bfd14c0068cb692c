using Portal.Core.Training;

namespace Portal.Web.Services.Training;

/// <summary>A press of "Retrain now".</summary>
/// <param name="Settings">Used only for <see cref="RetrainPreset.Custom"/>.</param>
/// <param name="ModelSize">For <see cref="RetrainPreset.Scratch"/>: "tiny" or "small"; null takes the configured size.</param>
public sealed record RetrainRequest(RetrainPreset Preset, TrainingSettings? Settings = null, string? ModelSize = null);

/// <summary>The job queued or joined; when <paramref name="Errors"/> is not empty nothing was queued and it says why.</summary>
public sealed record RetrainRequestResult(TrainingJob? Job, bool Joined, IReadOnlyList<string> Errors)
{
    public bool Queued => Job is not null && Errors.Count == 0;

    public static RetrainRequestResult Refused(params IReadOnlyList<string> errors) => new(null, false, errors);
}
