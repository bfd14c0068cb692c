using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Hubs;

namespace Portal.Web.Tests.Access;

/// <summary>The matrix is complete: every endpoint the running app maps, and every hub method, has its row.</summary>
public sealed class EndpointCoverageTests(AccessPortal portal) : IClassFixture<AccessPortal>
{
    [Fact]
    public void EveryEndpointTheAppMapsHasARowInTheAccessMatrix()
    {
        var endpoints = Endpoints();

        var missing = endpoints
            .Where(endpoint => !AccessMatrix.IsCoveredAsAWhole(endpoint))
            .SelectMany(endpoint => Methods(endpoint).Select(method => (Method: method, Route: endpoint.RoutePattern.RawText!)))
            .Where(endpoint => !AccessMatrix.Http.Any(row => Covers(row, endpoint.Method, endpoint.Route)))
            .Select(endpoint => $"{endpoint.Method} {endpoint.Route}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(endpoints.Count > 20, $"Only {endpoints.Count} endpoints were found: the enumeration itself is broken.");
        Assert.True(missing.Count == 0,
            "These endpoints have no row in AccessMatrix (tests/Portal.Web.Tests/Access/AccessMatrix.cs); add one saying who may use them:"
            + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void EveryTrainingHubMethodHasARowInTheAccessMatrix()
    {
        var methods = typeof(TrainingHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName)
            .Select(method => method.Name)
            .ToList();

        var missing = methods.Except(AccessMatrix.Hub.Select(row => row.Method)).ToList();

        Assert.NotEmpty(methods);
        Assert.True(missing.Count == 0, "Hub methods with no row in AccessMatrix.Hub: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryRowOfTheMatrixStillNamesAnEndpointOfTheApp()
    {
        var mapped = Endpoints().SelectMany(endpoint => Methods(endpoint).Select(method => (Method: method, Route: endpoint.RoutePattern.RawText!))).ToList();

        var stale = AccessMatrix.Http.Where(row => !mapped.Any(endpoint => Covers(row, endpoint.Method, endpoint.Route))).ToList();

        Assert.True(stale.Count == 0, "Rows for endpoints the app no longer maps (fix the route or drop the row): " + string.Join(", ", stale));
    }

    private List<RouteEndpoint> Endpoints() =>
        portal.Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    // SignalR's endpoints take any method ("*"): a row for the route with the method a client uses covers them.
    private static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods] : ["*"];

    private static bool Covers(HttpRow row, string method, string route) =>
        row.Route == route && (method == "*" || row.Method == method);
}
