using Portal.Core.Training;

namespace Portal.Web.Components.Pages.Retrain;

/// <summary>What the model wrote for each golden prompt at one evaluation.</summary>
public sealed record ProbeRound(int Step, IReadOnlyList<JobProbe> Probes);
