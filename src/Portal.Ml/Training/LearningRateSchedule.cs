namespace Portal.Ml.Training;

/// <summary>
/// nanoGPT's schedule: linear warmup to <paramref name="MaxRate"/>, cosine decay to <paramref name="MinRate"/> at
/// <paramref name="DecaySteps"/>, flat after. A pure function of the step, so its whole state is these four numbers,
/// which a checkpoint stores.
/// </summary>
public sealed record LearningRateSchedule(double MaxRate, double MinRate, int WarmupSteps, int DecaySteps)
{
    public double At(int step)
    {
        if (step < WarmupSteps)
            return MaxRate * (step + 1) / (WarmupSteps + 1);
        if (step >= DecaySteps)
            return MinRate;
        var ratio = (double)(step - WarmupSteps) / Math.Max(1, DecaySteps - WarmupSteps);
        var coefficient = 0.5 * (1.0 + Math.Cos(Math.PI * ratio));
        return MinRate + coefficient * (MaxRate - MinRate);
    }
}
