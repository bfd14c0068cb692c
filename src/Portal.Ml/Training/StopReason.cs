namespace Portal.Ml.Training;

public enum StopReason
{
    /// <summary>Reached the step budget (epochs or max steps).</summary>
    Completed,

    /// <summary>Validation loss stopped improving: more steps would overfit.</summary>
    EarlyStopped,

    /// <summary>The caller cancelled; the last checkpoint holds the state to resume from.</summary>
    Cancelled,
}
