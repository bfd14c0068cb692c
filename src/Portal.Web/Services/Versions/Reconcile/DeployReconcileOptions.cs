namespace Portal.Web.Services.Versions.Reconcile;

/// <summary>"Portal:Deploy:ReconcileSeconds": how often the version records are checked against the deploy repository and its remote.</summary>
public sealed class DeployReconcileOptions
{
    public const string Section = "Portal:Deploy";

    /// <summary>Also how soon a version that is committed but not pushed is pushed again by itself.</summary>
    public int ReconcileSeconds { get; set; } = 60;

    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, ReconcileSeconds));
}
