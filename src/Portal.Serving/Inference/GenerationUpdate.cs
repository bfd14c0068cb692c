namespace Portal.Serving.Inference;

/// <summary>One step of a streamed generation: a piece of text as soon as it is written, or, last, the summary of the whole.</summary>
internal sealed record GenerationUpdate(string Piece, GenerationSummary? Summary)
{
    public static GenerationUpdate Text(string piece) => new(piece, null);

    public static GenerationUpdate Finished(GenerationSummary summary) => new("", summary);
}
