namespace Portal.Ml.Training;

/// <summary>
/// Tokenized training and validation examples. <paramref name="PadId"/> fills short rows; its targets are masked.
/// </summary>
public sealed record TrainingData(IReadOnlyList<TokenizedExample> Train, IReadOnlyList<TokenizedExample> Validation, int PadId)
{
    /// <summary>Splits by verse id, then encodes both sides through the template.</summary>
    public static TrainingData Create(IEnumerable<TrainingVerse> verses, ExampleEncoder encoder, double validationFraction, int padId)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var split = DatasetSplit.ByVerseId(verses, validationFraction);
        return new TrainingData(encoder.Encode(split.Train), encoder.Encode(split.Validation), padId);
    }
}
