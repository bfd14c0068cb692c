namespace Portal.Core.Lint;

/// <summary>A verse whose lyrics share enough phrases with another's; <paramref name="Similarity"/> is in [0, 1].</summary>
public sealed record SimilarVerse(int Id, double Similarity);
