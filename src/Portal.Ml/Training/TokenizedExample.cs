namespace Portal.Ml.Training;

/// <summary>
/// One verse as token ids: the first <paramref name="PromptLength"/> tokens are the prompt part (maskable), the rest
/// are the lyrics and the end token.
/// </summary>
public sealed record TokenizedExample(int[] Tokens, int PromptLength)
{
    public int Length => Tokens.Length;
}
