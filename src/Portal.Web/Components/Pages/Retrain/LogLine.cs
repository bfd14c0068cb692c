namespace Portal.Web.Components.Pages.Retrain;

/// <summary>A line of a job's log tail, with when the portal stored it.</summary>
public sealed record LogLine(DateTimeOffset At, string Text);
