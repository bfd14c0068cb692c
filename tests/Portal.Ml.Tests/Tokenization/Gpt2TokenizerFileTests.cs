using System.Text;
using Portal.Ml.Tokenization;

namespace Portal.Ml.Tests.Tokenization;

/// <summary>Hand-made vocab.json and merges.txt: what a broken or foreign model folder looks like.</summary>
public sealed class Gpt2TokenizerFileTests : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gpt2-files-");

    public void Dispose() => _dir.Delete(recursive: true);

    Gpt2Tokenizer LoadFrom(string vocabJson, string mergesTxt)
    {
        var vocab = Path.Combine(_dir.FullName, "vocab.json");
        var merges = Path.Combine(_dir.FullName, "merges.txt");
        File.WriteAllText(vocab, vocabJson, Encoding.UTF8);
        File.WriteAllText(merges, mergesTxt, Encoding.UTF8);
        return Gpt2Tokenizer.Load(vocab, merges);
    }

    static string ByteTokensAnd(params string[] more)
    {
        var tokens = Gpt2Tokenizer.Train([], vocabSize: 257).Tokens.Take(256).Concat(more);
        return "{" + string.Join(",", tokens.Select((token, id) => $"\"{token.Replace("\\", "\\\\").Replace("\"", "\\\"")}\":{id}")) + "}";
    }

    [Fact]
    public void MinimalFolderWithCrLfMergesLoadsAndEncodes()
    {
        var tokenizer = LoadFrom(ByteTokensAnd("ab", "Ġab", "<|endoftext|>"), "#version: 0.2\r\na b\r\nĠ ab\r\n");

        Assert.Equal(259, tokenizer.VocabSize);
        Assert.Equal(258, tokenizer.EndOfTextId);
        Assert.Equal([("a", "b"), ("Ġ", "ab")], tokenizer.Merges);
        Assert.Equal([256, 257, 258], tokenizer.Encode("ab ab<|endoftext|>"));
    }

    [Fact]
    public void MergeOfTokensMissingFromTheVocabularyIsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => LoadFrom(ByteTokensAnd("<|endoftext|>"), "#version: 0.2\na b\n"));
    }

    [Fact]
    public void VocabularyWithAGapInItsIdsIsInvalidData()
    {
        var json = ByteTokensAnd().TrimEnd('}') + ",\"<|endoftext|>\":300}";

        Assert.Throws<InvalidDataException>(() => LoadFrom(json, "#version: 0.2\n"));
    }

    [Fact]
    public void VocabularyWithoutEndOfTextIsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => LoadFrom(ByteTokensAnd(), "#version: 0.2\n"));
    }

    [Fact]
    public void MalformedMergeLineIsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() => LoadFrom(ByteTokensAnd("ab", "<|endoftext|>"), "#version: 0.2\na b c\n"));

        Assert.Contains(":2:", error.Message);
    }
}
