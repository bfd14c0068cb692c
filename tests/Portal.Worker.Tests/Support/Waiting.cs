namespace Portal.Worker.Tests.Support;

internal static class Waiting
{
    /// <summary>A guard against a hang, not a timing assertion: generous enough for a slow CI machine.</summary>
    public static Task Guarded(this Task task) => task.WaitAsync(TimeSpan.FromMinutes(3));

    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(TimeSpan.FromMinutes(3));
}
