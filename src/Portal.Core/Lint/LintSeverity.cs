namespace Portal.Core.Lint;

public enum LintSeverity
{
    Info,
    Warning,
    Error,
}
