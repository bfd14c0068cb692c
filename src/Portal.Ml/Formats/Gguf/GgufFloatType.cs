namespace Portal.Ml.Formats.Gguf;

/// <summary>
/// The precision of the 2-D weights in an exported GGUF. The values are ggml_type codes. Norms, biases and the
/// position embedding stay F32 in either case, as llama.cpp's converter keeps them.
/// </summary>
public enum GgufFloatType : uint
{
    F32 = 0,
    F16 = 1,
}
