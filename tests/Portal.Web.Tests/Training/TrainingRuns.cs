namespace Portal.Web.Tests.Training;

/// <summary>Tests that train models run one after another: two CPU-bound trainings at once only slow each other down.</summary>
[CollectionDefinition(Name)]
public sealed class TrainingRuns
{
    public const string Name = "Training runs";
}
