using System.Globalization;
using Portal.Core.Versions;

namespace Portal.Web.Services.Versions;

/// <summary>
/// Commit (and tag) messages of the deploy repository. Built only from what the version record keeps, so that a
/// retried push rebuilds exactly the change that was committed.
/// </summary>
internal static class DeployMessages
{
    public static string Promotion(int version, long jobId, string note) =>
        Compose(string.Create(CultureInfo.InvariantCulture, $"{VersionTag.Of(version)}: promote the candidate of training job {jobId}"), note);

    public static string Rollback(int version, int target, string note) =>
        Compose($"{VersionTag.Of(version)}: rollback to {VersionTag.Of(target)}", note);

    private static string Compose(string subject, string note) =>
        string.IsNullOrWhiteSpace(note) ? subject : subject + "\n\n" + note;
}
