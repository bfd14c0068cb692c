namespace Portal.Ml.Training;

/// <summary>
/// Turns verses into token sequences through the <see cref="PromptTemplate"/>. The prompt part and the lyrics are
/// encoded separately, exactly as generation encodes the prompt alone, so the boundary tokens match at inference.
/// </summary>
/// <param name="encode">The tokenizer's encoder (plain text, no special tokens).</param>
/// <param name="endOfTextId">Appended after the lyrics so that the model learns where a verse ends.</param>
/// <param name="maxLength">Context length + 1: a longer verse is cut, since the model cannot see past its context.</param>
public sealed class ExampleEncoder(PromptTemplate template, Func<string, int[]> encode, int endOfTextId, int maxLength)
{
    public TokenizedExample Encode(TrainingVerse verse)
    {
        ArgumentNullException.ThrowIfNull(verse);
        var prompt = encode(template.Prompt(verse.Prompt));
        var lyrics = encode(PromptTemplate.Lyrics(verse.Lyrics));
        int[] tokens = [.. prompt, .. lyrics, endOfTextId];
        if (tokens.Length > maxLength)
            tokens = tokens[..maxLength];
        return new TokenizedExample(tokens, Math.Min(prompt.Length, tokens.Length));
    }

    public IReadOnlyList<TokenizedExample> Encode(IEnumerable<TrainingVerse> verses) => verses.Select(Encode).ToList();
}
