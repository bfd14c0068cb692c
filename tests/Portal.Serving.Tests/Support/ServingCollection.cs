namespace Portal.Serving.Tests.Support;

/// <summary>Every test that serves a model shares the tiny models, and runs one at a time: two cores, one libtorch.</summary>
[CollectionDefinition(Name)]
public sealed class ServingCollection : ICollectionFixture<ServingFixture>
{
    public const string Name = "Serving";
}
