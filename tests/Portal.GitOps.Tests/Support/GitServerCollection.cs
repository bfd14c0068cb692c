namespace Portal.GitOps.Tests.Support;

/// <summary>The tests that push over HTTP share one server; each makes its own repositories on it.</summary>
[CollectionDefinition(Name)]
public sealed class GitServerCollection : ICollectionFixture<GitHttpServer>
{
    public const string Name = "git http server";
}
