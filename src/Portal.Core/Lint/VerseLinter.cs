using System.Globalization;
using Portal.Core.Text;
using Portal.Core.Verses;

namespace Portal.Core.Lint;

/// <summary>
/// Checks one verse for the mistakes that quietly make a model worse: a missing or vague prompt, too few or too many
/// bars, prompt and lyrics swapped, text the model cannot see whole, and invisible characters.
/// </summary>
public static class VerseLinter
{
    public static IReadOnlyList<LintFinding> Lint(VerseText verse, LintOptions options, ITokenCounter tokens)
    {
        ArgumentNullException.ThrowIfNull(verse);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);

        var findings = new List<LintFinding>();
        var prompt = (verse.Prompt ?? "").Trim();
        var lyrics = verse.Lyrics ?? "";
        var bars = Bars.Count(lyrics);

        CheckPrompt(prompt, options, findings);
        CheckBars(bars, options, findings);
        if (prompt.Length > 0 && bars > 0 && prompt.Length > lyrics.Trim().Length)
        {
            findings.Add(new(LintCodes.Swapped, LintSeverity.Warning,
                Invariant($"The prompt ({prompt.Length} characters) is longer than the lyrics ({lyrics.Trim().Length}); are they swapped?")));
        }
        CheckContext(prompt, lyrics, options, tokens, findings);
        CheckPrintable(prompt, lyrics, findings);
        return findings;
    }

    private static void CheckPrompt(string prompt, LintOptions options, List<LintFinding> findings)
    {
        if (prompt.Length == 0)
        {
            findings.Add(new(LintCodes.PromptEmpty, LintSeverity.Error, "The prompt is empty; describe the style or theme of the verse."));
        }
        else if (prompt.Length < options.MinPromptChars)
        {
            findings.Add(new(LintCodes.PromptShort, LintSeverity.Warning,
                Invariant($"The prompt has {prompt.Length} characters; describe the style or theme in at least {options.MinPromptChars}.")));
        }
    }

    private static void CheckBars(int bars, LintOptions options, List<LintFinding> findings)
    {
        var range = Invariant($"aim for {options.MinBars}-{options.MaxBars}.");
        if (bars == 0)
        {
            findings.Add(new(LintCodes.LyricsEmpty, LintSeverity.Error, "The lyrics are empty."));
        }
        else if (bars < options.MinBars)
        {
            findings.Add(new(LintCodes.BarsFew, LintSeverity.Warning, Invariant($"Lyrics have {bars} {Plural(bars, "bar")}; {range}")));
        }
        else if (bars > options.MaxBars)
        {
            findings.Add(new(LintCodes.BarsMany, LintSeverity.Warning, Invariant($"Lyrics have {bars} bars; {range}")));
        }
    }

    // The counter is a lower bound, hence "at least": a finding here is certain, never a false alarm.
    private static void CheckContext(string prompt, string lyrics, LintOptions options, ITokenCounter tokens, List<LintFinding> findings)
    {
        var context = options.ContextTokens;
        var promptTokens = tokens.Count(prompt);
        var anyTooLong = false;
        if (promptTokens > context)
        {
            anyTooLong = true;
            findings.Add(new(LintCodes.PromptTooLong, LintSeverity.Error,
                Invariant($"The prompt is at least {promptTokens} tokens; the model reads {context} at a time, so it never sees the prompt with its lyrics.")));
        }

        var lineNumber = 0;
        foreach (var line in new LineSplitter(lyrics))
        {
            lineNumber++;
            var lineTokens = tokens.Count(line.ToString());
            if (lineTokens > context)
            {
                anyTooLong = true;
                findings.Add(new(LintCodes.LineTooLong, LintSeverity.Error,
                    Invariant($"Line {lineNumber} is at least {lineTokens} tokens; the model reads {context} at a time, so it is cut in training. Break it into bars."),
                    lineNumber));
            }
        }

        var verseTokens = promptTokens + tokens.Count(lyrics);
        if (!anyTooLong && verseTokens > context)
        {
            findings.Add(new(LintCodes.VerseTooLong, LintSeverity.Warning,
                Invariant($"Prompt and lyrics are at least {verseTokens} tokens together; the model reads {context} at a time, so it never sees this verse whole.")));
        }
    }

    private static void CheckPrintable(string prompt, string lyrics, List<LintFinding> findings)
    {
        foreach (var line in new LineSplitter(prompt))
        {
            if (NonPrintableCharacters.FindFirst(line) is { } inPrompt)
            {
                findings.Add(new(LintCodes.NonPrintable, LintSeverity.Warning,
                    $"The prompt has an invisible or control character ({CodePoint(inPrompt)}); retype it."));
                break;
            }
        }

        var lineNumber = 0;
        foreach (var line in new LineSplitter(lyrics))
        {
            lineNumber++;
            if (NonPrintableCharacters.FindFirst(line) is { } inLine)
            {
                findings.Add(new(LintCodes.NonPrintable, LintSeverity.Warning,
                    Invariant($"Line {lineNumber} has an invisible or control character ({CodePoint(inLine)}); retype the line."), lineNumber));
            }
        }
    }

    private static string CodePoint(int value) => Invariant($"U+{value:X4}");

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
