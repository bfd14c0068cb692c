using Portal.Ml.Training;

namespace Portal.Worker.Execution;

/// <summary>
/// The checkpoint a later attempt resumes from: the newest one whose bytes match its checksum, else the one it
/// replaced. A refused checkpoint is renamed NAME.damaged (kept for a person to look at), so that the next save
/// cannot push the good previous checkpoint out in its place.
/// </summary>
/// <param name="Path">Null when the run has no checkpoint yet.</param>
/// <param name="Refusals">One line per checkpoint refused, naming the file and what is wrong with it.</param>
internal sealed record CheckpointChoice(string? Path, CheckpointState? State, IReadOnlyList<string> Refusals)
{
    public const string DamagedSuffix = ".damaged";

    public bool IsPrevious => Path is { } path && System.IO.Path.GetFileName(path) != JobPlan.CheckpointFileName;

    /// <exception cref="JobSetupException">There are checkpoints, and none is whole.</exception>
    public static CheckpointChoice Make(string runDirectory)
    {
        var newest = System.IO.Path.Combine(runDirectory, JobPlan.CheckpointFileName);
        var refusals = new List<string>();
        foreach (var path in new[] { newest, TrainingCheckpoint.PreviousPath(newest) })
        {
            if (!File.Exists(path))
                continue;
            try
            {
                return new CheckpointChoice(path, TrainingCheckpoint.ReadState(path), refusals);
            }
            catch (InvalidDataException e)
            {
                refusals.Add(e.Message);
                File.Move(path, path + DamagedSuffix, overwrite: true);
            }
        }
        if (refusals.Count > 0)
            throw new JobSetupException($"No checkpoint of the earlier attempts is whole, so the job cannot resume; retrain to start over. {string.Join(" ", refusals)}");
        return new CheckpointChoice(null, null, refusals);
    }
}
