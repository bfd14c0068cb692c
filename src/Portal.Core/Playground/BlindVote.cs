namespace Portal.Core.Playground;

/// <summary>
/// One model in a blind comparison. Votes count against the job that trained the model, so that the votes a
/// candidate won before promotion still count once it is a version (and for a rollback that serves it again).
/// </summary>
public sealed record VoteEntry(ModelChoice Model, long JobId, bool Won);

/// <summary>A writer's pick among two or more outputs of the same prompt and seed, made without knowing which model wrote which.</summary>
/// <remarks><see cref="RunId"/> is the playground run (see <see cref="GenerationRecord"/>) the vote is about; a run takes one vote.</remarks>
public sealed record NewBlindVote(string UserId, long RunId, string Prompt, long Seed, IReadOnlyList<VoteEntry> Entries);

/// <summary>How a job's model fared in blind comparisons: how many it took part in and how many it won.</summary>
public sealed record VoteTally(int Contests, int Wins);

/// <summary>Blind comparisons in which both jobs' models took part, and how many each won.</summary>
public sealed record HeadToHead(int Contests, int FirstWins, int SecondWins);

public interface IBlindVoteStore
{
    /// <summary>False, and nothing stored, when the run already has a vote.</summary>
    Task<bool> AddAsync(NewBlindVote vote, CancellationToken cancellationToken = default);

    /// <summary>Every job that took part in a blind comparison, with its tally.</summary>
    Task<IReadOnlyDictionary<long, VoteTally>> TallyAsync(CancellationToken cancellationToken = default);

    Task<HeadToHead> HeadToHeadAsync(long firstJobId, long secondJobId, CancellationToken cancellationToken = default);
}
