namespace Portal.Web.Tests.Support;

/// <summary>A signed-up account and the API token that acts as it.</summary>
public sealed record Writer(string Id, string UserName, string Token);
