namespace Portal.Core.Verses;

/// <summary>Corpus totals for the library header; the "included" figures are what the next training run would see.</summary>
public sealed record CorpusStats(int Verses, int Included, int Bars, int IncludedBars, int Tokens, int IncludedTokens);
