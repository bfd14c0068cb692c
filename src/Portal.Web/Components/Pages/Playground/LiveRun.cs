using Portal.Core.Playground;
using Portal.Web.Services.Playground;

namespace Portal.Web.Components.Pages.Playground;

/// <summary>
/// The run on the page: its columns in the order shown (shuffled in blind mode, so that place says nothing about the
/// model), the streamed text, the result, and the blind vote.
/// </summary>
public sealed class LiveRun
{
    private LiveRun(string prompt, bool blind, IReadOnlyList<OutputSlot> slots)
    {
        Prompt = prompt;
        Blind = blind;
        Slots = slots;
    }

    public string Prompt { get; }

    public bool Blind { get; }

    public IReadOnlyList<OutputSlot> Slots { get; }

    public bool Finished { get; private set; }

    /// <summary>The run's id in the history, and the seed every model used; null until it finished (or when it never started).</summary>
    public PlaygroundRunResult? Result { get; private set; }

    /// <summary>The writer's pick in blind mode, once made.</summary>
    public ModelChoice? Winner { get; private set; }

    /// <summary>False when the run already had a vote, or the vote failed.</summary>
    public bool VoteCounted { get; private set; }

    /// <summary>What the vote came to, in words.</summary>
    public string? VoteMessage { get; private set; }

    /// <summary>Model names show unless the run is blind and the writer has not picked yet.</summary>
    public bool Revealed => !Blind || VoteMessage is not null;

    public bool CanVote => Blind && Finished && Result is not null && VoteMessage is null && Slots.Count >= 2;

    /// <summary>Blind mode only means something with two or more models.</summary>
    public static LiveRun Start(string prompt, IReadOnlyList<PlaygroundModel> models, bool blind)
    {
        var order = models.ToArray();
        blind = blind && order.Length >= 2;
        if (blind)
            Random.Shared.Shuffle(order);
        return new LiveRun(prompt, blind, [.. order.Select((model, position) => new OutputSlot(model, position))]);
    }

    public string NameOf(OutputSlot slot) => Revealed ? slot.Model.Label : PlaygroundWords.BlindName(slot.Position);

    public void Append(IEnumerable<(ModelChoice Model, string Piece)> pieces)
    {
        foreach (var (model, piece) in pieces)
            SlotOf(model)?.Append(piece);
    }

    public void Finish(PlaygroundRunResult result)
    {
        Result = result;
        foreach (var output in result.Outputs)
            SlotOf(output.Model.Choice)?.Finish(output);
        Finished = true;
    }

    /// <summary>Stopped before the service returned anything: what streamed stays, without figures.</summary>
    public void Abandon() => Finished = true;

    public void Voted(ModelChoice winner, bool recorded)
    {
        Winner = winner;
        VoteCounted = recorded;
        var name = SlotOf(winner)?.Model.Label ?? winner.ToString();
        VoteMessage = recorded
            ? $"Vote recorded: you picked {name}."
            : $"This run already had a vote, so this one was not counted. You picked {name}.";
    }

    public void VoteFailed(string message) => VoteMessage = message;

    private OutputSlot? SlotOf(ModelChoice model) => Slots.FirstOrDefault(slot => slot.Model.Choice == model);
}
