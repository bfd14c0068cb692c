namespace Portal.Data.Entities;

/// <summary>One model in a blind vote. Tallies are counted per <see cref="JobId"/>, the job that trained the model.</summary>
public sealed class BlindVoteEntryEntity
{
    public long Id { get; set; }
    public long VoteId { get; set; }

    /// <summary>The model as the writer saw it, in its short form ("v3", "job-12").</summary>
    public required string Model { get; set; }
    public long JobId { get; set; }
    public bool Won { get; set; }
}
