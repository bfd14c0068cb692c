namespace Portal.Worker.Execution;

/// <summary>
/// The temporary files (".NAME.GUID.tmp") that a write cut short by a kill leaves in a job's folders. Only a worker
/// that holds the job's lease writes there, so whatever is left when an attempt starts belongs to a dead one.
/// </summary>
internal static class UnfinishedWrites
{
    /// <returns>How many files were removed.</returns>
    public static int Remove(params string[] folders)
    {
        var removed = 0;
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp"))
            {
                File.Delete(file);
                removed++;
            }
        }
        return removed;
    }
}
