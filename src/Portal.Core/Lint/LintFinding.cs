namespace Portal.Core.Lint;

/// <summary>
/// One thing lint noticed about a verse. <paramref name="Code"/> is stable (see <see cref="LintCodes"/>) so that the UI
/// can group, filter and link findings; <paramref name="Line"/> is the 1-based lyric line, when one line is to blame.
/// </summary>
public sealed record LintFinding(string Code, LintSeverity Severity, string Message, int? Line = null, int? RelatedVerseId = null);
