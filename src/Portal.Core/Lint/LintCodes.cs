namespace Portal.Core.Lint;

/// <summary>The stable codes of lint findings. Never rename one: saved filters and links use them.</summary>
public static class LintCodes
{
    public const string PromptEmpty = "prompt-empty";
    public const string PromptShort = "prompt-short";
    public const string PromptTooLong = "prompt-too-long";
    public const string LyricsEmpty = "lyrics-empty";
    public const string BarsFew = "bars-few";
    public const string BarsMany = "bars-many";
    public const string Swapped = "swapped";
    public const string LineTooLong = "line-too-long";
    public const string VerseTooLong = "verse-too-long";
    public const string NonPrintable = "non-printable";
    public const string NearDuplicate = "near-duplicate";
}
