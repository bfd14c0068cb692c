using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Portal.Core.Training;

/// <summary>Two requests with the same snapshot and settings are one job: this key finds the job to join.</summary>
public static class JobKey
{
    /// <param name="startFrom">What the weights start from (e.g. the model a Quick job continues), so that a job queued
    /// before a new version appeared is not joined by one meant to continue that new version.</param>
    public static string Of(string snapshotHash, TrainingSettings settings, string? startFrom)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = snapshotHash + "\n" + startFrom + "\n" + JsonSerializer.Serialize(settings);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
