namespace Portal.Web.Options;

/// <summary>Settings under "Portal:Backup": scheduled online backups of portal.db into &lt;data&gt;/backups.</summary>
public sealed class BackupOptions
{
    public const string Section = "Portal:Backup";

    /// <summary>
    /// Hours between scheduled backups; 0 turns the schedule off (the admin page still backs up on demand). A day by
    /// default: a library changes by hand, a day's edits are what a writer could redo, and a copy takes seconds.
    /// </summary>
    public double IntervalHours { get; set; } = 24;

    /// <summary>Backups kept in the folder; after each new one the oldest beyond this many are deleted (0 keeps all).</summary>
    public int Keep { get; set; } = 7;

    public TimeSpan? Interval => IntervalHours > 0 ? TimeSpan.FromHours(IntervalHours) : null;
}
