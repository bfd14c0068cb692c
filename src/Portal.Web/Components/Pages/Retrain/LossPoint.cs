namespace Portal.Web.Components.Pages.Retrain;

/// <summary>A loss measured at a training step.</summary>
public readonly record struct LossPoint(int Step, double Loss);
