using Portal.Ml.Tokenization;

namespace Portal.Ml.Tests.Tokenization;

/// <summary>Tokens mapped back onto the characters of their text, so that the copy guard can highlight what was copied.</summary>
public sealed class TokenSpanTests(OpenAiGpt2Fixture gpt2) : IClassFixture<OpenAiGpt2Fixture>
{
    readonly Gpt2Tokenizer _tokenizer = gpt2.Tokenizer;

    static string[] Pieces(string text, IEnumerable<TokenSpan> spans) => [.. spans.Select(s => text.Substring(s.Start, s.Length))];

    public static TheoryData<string> Texts =>
    [
        "Hello, world! How's it going?",
        "Roses are red,\nViolets are blue.\n\n",
        "Line one\r\n\tindented   spaces  \n",
        "café naïve Ünïcödé — “quotes”",
        "日本語のテキスト, 한국어",
        "emoji 😀👍 family 👨‍👩‍👧‍👦 flag 🇫🇷 skin 👍🏽",
        "𝐇'll be 𝟏𝟐",
        "Verse one<|endoftext|>Verse two<|endoftext|>",
        "lone \uD800 high and \uDC00 low surrogates",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void TheIdsAreThoseOfEncode(string text)
    {
        Assert.Equal(_tokenizer.Encode(text), TokenSpans.Of(_tokenizer, text).Select(s => s.Id));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void TheSpansFollowOneAnotherAndReassembleTheText(string text)
    {
        var spans = TokenSpans.Of(_tokenizer, text);

        Assert.Equal(text, string.Concat(Pieces(text, spans)));
        Assert.Equal(0, spans[0].Start);
        Assert.All(spans.Zip(spans.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal(text.Length, spans[^1].End);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void NoSpanSplitsASurrogatePair(string text)
    {
        foreach (var span in TokenSpans.Of(_tokenizer, text).Where(s => s.Length > 0))
        {
            Assert.False(char.IsLowSurrogate(text[span.Start]) && char.IsHighSurrogate(text[span.Start - 1]), $"span at {span.Start} starts mid-pair");
            Assert.False(char.IsHighSurrogate(text[span.End - 1]) && span.End < text.Length && char.IsLowSurrogate(text[span.End]), $"span ending at {span.End} ends mid-pair");
        }
    }

    [Fact]
    public void WordsAccentsAndNewlinesGetTheirOwnCharacters()
    {
        const string text = "café naïve\n\n";

        var spans = TokenSpans.Of(_tokenizer, text);

        // GPT-2 spells "café" as c|af|é: the accented letter's two bytes are one token.
        Assert.Equal(["c", "af", "é", " naïve", "\n\n"], Pieces(text, spans));
    }

    [Fact]
    public void AnEmojiBelongsToTheTokenThatCompletesIt()
    {
        const string text = "emoji 😀👍";

        var spans = TokenSpans.Of(_tokenizer, text);

        // Ids 368 31370 30325 222 41840 235: " " shares a token with the emoji's first three bytes, and its last byte
        // is a token alone, which takes the whole emoji; 👍's first three bytes complete no character at all.
        Assert.Equal([368, 31370, 30325, 222, 41840, 235], spans.Select(s => s.Id));
        Assert.Equal(["em", "oji", " ", "😀", "", "👍"], Pieces(text, spans));
    }

    [Fact]
    public void TheEndOfTextTokenCoversItsLiteralText()
    {
        const string text = "Verse one<|endoftext|>Verse two";

        var spans = TokenSpans.Of(_tokenizer, text);

        Assert.Contains(new TokenSpan(50256, 9, 13), spans);
    }

    [Fact]
    public void ALoneSurrogateIsOneCharacterOfItsOwnToken()
    {
        const string text = "a\uD800b";

        var spans = TokenSpans.Of(_tokenizer, text);

        Assert.Equal(text, string.Concat(Pieces(text, spans)));
        Assert.Contains(spans, s => s.Length == 1 && text[s.Start] == '\uD800');
    }

    [Fact]
    public void AnEmptyTextHasNoTokens()
    {
        Assert.Empty(TokenSpans.Of(_tokenizer, ""));
    }

    [Fact]
    public void ATrainedVocabularyWithoutTheEmojiSpellsItInByteTokens()
    {
        var trained = Gpt2Tokenizer.Train(["the moon, the moon, the silver moon"], vocabSize: 300);
        const string text = "the moon 😀";

        var spans = TokenSpans.Of(trained, text);

        Assert.Equal(trained.Encode(text), spans.Select(s => s.Id));
        Assert.Equal(["", "", "", "😀"], Pieces(text, spans)[^4..]);
        Assert.Equal(text, string.Concat(Pieces(text, spans)));
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => TokenSpans.Of(null!, "text"));
        Assert.Throws<ArgumentNullException>(() => TokenSpans.Of(_tokenizer, null!));
    }
}
