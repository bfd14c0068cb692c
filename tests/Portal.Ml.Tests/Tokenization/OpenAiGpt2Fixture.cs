using Portal.Ml.Tokenization;

namespace Portal.Ml.Tests.Tokenization;

/// <summary>GPT-2's own tokenizer, loaded once per test class: reading 50,000 merges takes a moment.</summary>
public sealed class OpenAiGpt2Fixture
{
    public Gpt2Tokenizer Tokenizer { get; } = Gpt2Tokenizer.Load(OpenAiGpt2Files.EncoderJson, OpenAiGpt2Files.VocabBpe);
}
