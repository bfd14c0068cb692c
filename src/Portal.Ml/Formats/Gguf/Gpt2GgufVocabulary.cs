using Portal.Ml.Model;

namespace Portal.Ml.Formats.Gguf;

/// <summary>The tokenizer.ggml.* metadata of a GPT-2 byte-level BPE, checked before anything is written.</summary>
internal static class Gpt2GgufVocabulary
{
    // llama_token_type values (llama.h): the special bos/eos token is CONTROL so llama.cpp never prints it as text.
    private const int Normal = 1, Control = 3;

    public static IReadOnlyList<(string Key, object Value)> Metadata(
        GptConfig config, IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges, int bosId, int eosId)
    {
        if (tokens.Count != config.VocabSize)
            throw new ArgumentException($"There are {tokens.Count} tokens but the model's vocabulary has {config.VocabSize}; llama.cpp takes n_vocab from the token list.", nameof(tokens));
        for (var id = 0; id < tokens.Count; id++)
        {
            if (string.IsNullOrEmpty(tokens[id]))
                throw new ArgumentException($"Token {id} is empty.", nameof(tokens));
        }
        if (bosId < 0 || bosId >= tokens.Count)
            throw new ArgumentOutOfRangeException(nameof(bosId), bosId, $"The bos token id must be in 0..{tokens.Count - 1}.");
        if (eosId < 0 || eosId >= tokens.Count)
            throw new ArgumentOutOfRangeException(nameof(eosId), eosId, $"The eos token id must be in 0..{tokens.Count - 1}.");
        foreach (var (left, right) in merges)
        {
            // llama.cpp splits each merge at its space, so a side containing a space would be read back differently.
            if (string.IsNullOrEmpty(left) || string.IsNullOrEmpty(right) || left.Contains(' ') || right.Contains(' '))
                throw new ArgumentException($"The merge (\"{left}\", \"{right}\") has an empty side or a space in it.", nameof(merges));
        }

        var types = new int[tokens.Count];
        Array.Fill(types, Normal);
        types[bosId] = Control;
        types[eosId] = Control;

        return
        [
            ("tokenizer.ggml.model", "gpt2"),
            // The pre-tokenizer convert_hf_to_gguf.py names for openai-community/gpt2; llama.cpp maps it to its GPT-2 regex.
            ("tokenizer.ggml.pre", "gpt-2"),
            ("tokenizer.ggml.tokens", tokens),
            ("tokenizer.ggml.token_type", types),
            ("tokenizer.ggml.merges", merges.Select(merge => $"{merge.Left} {merge.Right}").ToList()),
            ("tokenizer.ggml.bos_token_id", (uint)bosId),
            ("tokenizer.ggml.eos_token_id", (uint)eosId),
        ];
    }
}
