namespace Portal.Ml.Training;

/// <summary>
/// The one layout that joins a prompt and its lyrics. Training and generation both go through it, because a model
/// trained on one layout and asked in another answers in the wrong format.
/// </summary>
/// <param name="Separator">Ends the prompt and tells the model that lyrics follow.</param>
public sealed record PromptTemplate(string Separator = "\n###\n")
{
    public const string EndOfText = "<|endoftext|>";

    public static PromptTemplate Default { get; } = new();

    /// <summary>What the model reads before it writes lyrics: the prompt, trimmed, then the separator.</summary>
    public string Prompt(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return prompt.Trim() + Separator;
    }

    /// <summary>What the model learns from: the prompt part, the lyrics and the end token.</summary>
    public string Full(string prompt, string lyrics)
    {
        ArgumentNullException.ThrowIfNull(lyrics);
        return Prompt(prompt) + Lyrics(lyrics) + EndOfText;
    }

    /// <summary>The lyrics part as it is trained; kept separate so that the prompt can be masked token-exactly.</summary>
    public static string Lyrics(string lyrics) => lyrics.Trim();
}
