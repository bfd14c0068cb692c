using Portal.Core.Access;
using Portal.Core.Playground;
using Portal.Core.Versions;

namespace Portal.Web.Services.Playground;

/// <summary>Blind comparisons: a writer's pick among the outputs of one of their runs, counted against the job that trained each model.</summary>
public sealed class PlaygroundVotes(IGenerationHistoryStore history, IBlindVoteStore votes, IModelVersionStore versions)
{
    /// <summary>False when the run already has a vote.</summary>
    /// <exception cref="InvalidOperationException">The run is not the writer's, has fewer than two models, or did not use <paramref name="winner"/>.</exception>
    public async Task<bool> VoteAsync(Actor writer, long runId, ModelChoice winner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var run = await history.FindAsync(writer.UserId, runId, cancellationToken)
            ?? throw new InvalidOperationException("That run is not in your history: you vote on your own runs.");
        var models = run.Outputs.Select(output => output.Model).Distinct().ToList();
        if (models.Count < 2)
            throw new InvalidOperationException("A blind vote needs a run with two or more models.");
        if (!models.Contains(winner))
            throw new InvalidOperationException($"{winner} did not write in this run.");

        var entries = new List<VoteEntry>(models.Count);
        foreach (var model in models)
            entries.Add(new VoteEntry(model, await JobOfAsync(model, cancellationToken), model == winner));
        return await votes.AddAsync(new NewBlindVote(writer.UserId, runId, run.Prompt, run.Settings.Seed, entries), cancellationToken);
    }

    public Task<IReadOnlyDictionary<long, VoteTally>> TalliesAsync(CancellationToken cancellationToken = default) =>
        votes.TallyAsync(cancellationToken);

    /// <summary>A candidate is its job's model; a version is its job's (for a rollback, the job of the version it returned to).</summary>
    private async Task<long> JobOfAsync(ModelChoice model, CancellationToken cancellationToken)
    {
        if (model.Kind == ModelKind.Candidate)
            return model.Id;
        var version = model.Id <= int.MaxValue ? await versions.FindAsync((int)model.Id, cancellationToken) : null;
        return version?.JobId ?? throw new InvalidOperationException($"There is no version {model} any more.");
    }
}
