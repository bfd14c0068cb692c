namespace Portal.Web.Tests.Versions;

/// <summary>
/// The version tests share two trained candidates: each test starts a portal of its own on a copy of the data they
/// were trained in, so that no test depends on the versions another one promoted.
/// </summary>
[CollectionDefinition(Name)]
public sealed class VersionRuns : ICollectionFixture<TrainedCandidates>
{
    public const string Name = "Version runs";
}
