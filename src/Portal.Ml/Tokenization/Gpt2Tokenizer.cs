using System.Buffers;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Portal.Ml.Tokenization;

/// <summary>
/// GPT-2's byte-level BPE, for OpenAI's own vocabulary and for the ones we train on a writer's verses alike.
/// Encoding and decoding run through Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> in byte-level mode with
/// GPT-2's pre-tokenizer (<see cref="Gpt2PreTokenizer"/>), which reproduces GPT-2's ids; the library has no BPE
/// trainer, so <see cref="Train"/> is ours (<see cref="BpeTrainer"/>).
/// </summary>
public sealed class Gpt2Tokenizer
{
    public const string EndOfText = "<|endoftext|>";

    readonly BpeTokenizer _bpe;

    Gpt2Tokenizer(IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges)
    {
        var vocab = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
        {
            if (!vocab.TryAdd(tokens[id], id))
                throw new InvalidDataException($"Token \"{tokens[id]}\" appears twice in the vocabulary (ids {vocab[tokens[id]]} and {id}).");
        }

        EndOfTextId = vocab.TryGetValue(EndOfText, out var endOfText)
            ? endOfText
            : throw new InvalidDataException($"The vocabulary has no {EndOfText} token.");
        Tokens = tokens;
        Merges = merges;

        try
        {
            _bpe = BpeTokenizer.Create(new BpeOptions(vocab)
            {
                Merges = merges.Select(merge => $"{merge.Left} {merge.Right}"),
                ByteLevel = true,
                PreTokenizer = new Gpt2PreTokenizer([EndOfText]),
                SpecialTokens = new Dictionary<string, int> { [EndOfText] = EndOfTextId },
            });
        }
        catch (InvalidOperationException e)
        {
            // The library reports a merge of tokens missing from vocab.json this way: it is a broken file, not a bug.
            throw new InvalidDataException($"The merges do not fit the vocabulary: {e.Message}", e);
        }
    }

    /// <summary>Number of token ids, special token included: the model's embedding rows.</summary>
    public int VocabSize => Tokens.Count;

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>, which separates documents; 50256 in GPT-2.</summary>
    public int EndOfTextId { get; }

    /// <summary>Token text by id, spelled in GPT-2's byte-to-unicode alphabet ('Ġ' for a space), as GGUF stores it.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Merges in rank order (the first one is applied first).</summary>
    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    /// <summary>Reads Hugging Face's vocab.json and merges.txt (GPT-2's own, or any we saved).</summary>
    public static Gpt2Tokenizer Load(string vocabJsonPath, string mergesTxtPath) =>
        new(Gpt2VocabularyFiles.ReadVocab(vocabJsonPath), Gpt2VocabularyFiles.ReadMerges(mergesTxtPath));

    /// <summary>Loads vocab.json and merges.txt from a Hugging Face model folder.</summary>
    public static Gpt2Tokenizer LoadFolder(string directory) =>
        Load(Path.Combine(directory, Gpt2VocabularyFiles.VocabFileName), Path.Combine(directory, Gpt2VocabularyFiles.MergesFileName));

    /// <summary>Writes vocab.json and merges.txt (with the <c>#version: 0.2</c> header) into a model folder.</summary>
    public void Save(string directory) => Gpt2VocabularyFiles.Write(directory, Tokens, Merges);

    /// <summary>
    /// Learns a byte-level BPE vocabulary of at most <paramref name="vocabSize"/> ids from <paramref name="corpus"/>:
    /// the 256 byte tokens, the learned merges, and <c>&lt;|endoftext|&gt;</c> as the last id. Fewer ids come out
    /// when no pair occurs twice any more. <paramref name="progress"/> gets the percentage done (0-100).
    /// </summary>
    public static Gpt2Tokenizer Train(IEnumerable<string> corpus, int vocabSize, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        // 256 byte tokens and the end-of-text token are always there.
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, 257);

        var words = PreTokenCounter.Count(corpus, new Gpt2PreTokenizer([EndOfText]));
        var (tokens, merges) = BpeTrainer.Learn(words, vocabSize - 1, progress);
        tokens.Add(EndOfText);
        return new Gpt2Tokenizer(tokens, merges);
    }

    /// <summary>Token ids of <paramref name="text"/>; a literal <c>&lt;|endoftext|&gt;</c> becomes <see cref="EndOfTextId"/>.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. _bpe.EncodeToIds(WithoutLoneSurrogates(text))];
    }

    /// <summary>
    /// Text of <paramref name="ids"/>. Bytes that do not form whole UTF-8 characters (a model can sample half of
    /// an emoji) come out as U+FFFD, as in Hugging Face.
    /// </summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids as IReadOnlyCollection<int> ?? ids.ToArray();
        foreach (var id in list)
        {
            // The library skips unknown ids silently; a wrong id is a bug upstream and should say so.
            if ((uint)id >= (uint)VocabSize)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token ids run 0..{VocabSize - 1}.");
        }

        return _bpe.Decode(list) ?? "";
    }

    /// <summary>
    /// UTF-8 has no bytes for a lone surrogate; left in, the library would emit three bytes that decode to three
    /// U+FFFD. Replacing it first keeps Encode, Decode and the token count in step.
    /// </summary>
    static string WithoutLoneSurrogates(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return text;

        var builder = new StringBuilder(text.Length);
        while (!span.IsEmpty)
        {
            Rune.DecodeFromUtf16(span, out var rune, out var consumed);  // an invalid char decodes as U+FFFD
            builder.Append(rune.ToString());
            span = span[consumed..];
        }

        return builder.ToString();
    }
}
