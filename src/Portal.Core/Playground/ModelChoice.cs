using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Portal.Core.Playground;

public enum ModelKind
{
    /// <summary>A promoted model version; <see cref="ModelChoice.Id"/> is its number.</summary>
    Version,

    /// <summary>A finished job's candidate model; <see cref="ModelChoice.Id"/> is the job id.</summary>
    Candidate,
}

/// <summary>
/// Which model a playground generation uses. Written "v3" for version 3 and "job-12" for job 12's candidate, in URLs,
/// the API and the generation history.
/// </summary>
[JsonConverter(typeof(ModelChoiceJsonConverter))]
public readonly record struct ModelChoice(ModelKind Kind, long Id)
{
    private const string VersionPrefix = "v";
    private const string CandidatePrefix = "job-";

    public static ModelChoice ForVersion(int number) => new(ModelKind.Version, number);

    public static ModelChoice ForCandidate(long jobId) => new(ModelKind.Candidate, jobId);

    public override string ToString() =>
        (Kind == ModelKind.Version ? VersionPrefix : CandidatePrefix) + Id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse([NotNullWhen(true)] string? text, out ModelChoice choice)
    {
        choice = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        var (kind, digits) = text.StartsWith(CandidatePrefix, StringComparison.OrdinalIgnoreCase)
            ? (ModelKind.Candidate, text[CandidatePrefix.Length..])
            : text.StartsWith(VersionPrefix, StringComparison.OrdinalIgnoreCase)
                ? (ModelKind.Version, text[VersionPrefix.Length..])
                : (ModelKind.Version, "");
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0
            || (kind == ModelKind.Version && id > int.MaxValue))
            return false;
        choice = new ModelChoice(kind, id);
        return true;
    }
}
