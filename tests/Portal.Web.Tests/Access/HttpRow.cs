namespace Portal.Web.Tests.Access;

/// <summary>One page or endpoint of the matrix: the route as the app maps it, the rule, and how to call it.</summary>
public sealed record HttpRow(string Method, string Route, Func<Identity, Expected> Expect, Func<AccessPortal, Identity, Task<HttpResponseMessage>> Send)
{
    public string Key => $"{Method} {Route}";

    public override string ToString() => Key;
}

/// <summary>A hub method, for people (watching) or for worker tokens (claiming and reporting); the call must answer.</summary>
public sealed record HubRow(string Method, bool ForWorkers, Func<Microsoft.AspNetCore.SignalR.Client.HubConnection, AccessPortal, Task> Invoke)
{
    public bool IsFor(Identity identity) => ForWorkers ? identity == Identity.Worker : AccessPortal.IsPerson(identity);

    public override string ToString() => Method;
}
