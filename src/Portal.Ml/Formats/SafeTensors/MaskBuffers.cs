namespace Portal.Ml.Formats.SafeTensors;

/// <summary>
/// Hugging Face GPT-2 saves made with older transformers versions carry each layer's causal mask
/// (`h.N.attn.bias`, `h.N.attn.masked_bias`) as BOOL or U8. The model rebuilds those masks itself, so such a file is
/// accepted: the buffers are size-checked like any tensor and then left out of what is read. Any other non-float
/// tensor is still refused.
/// </summary>
internal static class MaskBuffers
{
    public static int? ElementSize(string name, string dtypeName) =>
        IsMaskName(name) ? dtypeName switch
        {
            "BOOL" or "U8" or "I8" => 1,
            "I16" or "U16" => 2,
            "I32" or "U32" => 4,
            "I64" or "U64" or "F64" => 8,
            _ => null,
        } : null;

    private static bool IsMaskName(string name) =>
        name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal);
}
