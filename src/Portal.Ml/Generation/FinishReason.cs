namespace Portal.Ml.Generation;

public enum FinishReason
{
    /// <summary>The model wrote the end token: the verse is complete.</summary>
    EndOfText,

    /// <summary>A stop sequence appeared; the text ends before it.</summary>
    StopSequence,

    /// <summary>Reached the new-token budget.</summary>
    Length,

    Cancelled,
}
