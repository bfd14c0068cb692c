namespace Portal.Ml.Formats.SafeTensors;

internal static class SafeTensorsLimits
{
    /// <summary>
    /// The reference implementation (huggingface/safetensors, MAX_HEADER_SIZE) refuses headers above 100 MB; we do
    /// the same so that a lying length field cannot make us allocate gigabytes before anything else is checked.
    /// </summary>
    public const long MaxHeaderBytes = 100_000_000;

    public const string MetadataKey = "__metadata__";

    public static InvalidDataException Corrupt(string path, string problem) =>
        new($"\"{path}\" is not a valid safetensors file: {problem}.");
}
