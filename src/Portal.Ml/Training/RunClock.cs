using System.Diagnostics;

namespace Portal.Ml.Training;

/// <summary>
/// Times a run for its progress reports: wall time (carried over a resume), tokens/s over training time only (so
/// evaluations do not drag the throughput figure down), and an ETA from this session's pace.
/// </summary>
internal sealed class RunClock(double earlierSeconds, int firstStep, int maxSteps)
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly Stopwatch _training = new();
    private long _tokens;

    public TimeSpan Elapsed => TimeSpan.FromSeconds(earlierSeconds) + _wall.Elapsed;

    public double TokensPerSecond => _training.Elapsed.TotalSeconds > 0 ? _tokens / _training.Elapsed.TotalSeconds : 0;

    public void StartTraining() => _training.Start();

    public void StopTraining(int tokens)
    {
        _training.Stop();
        _tokens += tokens;
    }

    public TimeSpan? Eta(int step)
    {
        var done = step - firstStep;
        return done <= 0 ? null : _wall.Elapsed / done * Math.Max(0, maxSteps - step);
    }
}
