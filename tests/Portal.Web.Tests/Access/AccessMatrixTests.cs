using System.Net;
using Microsoft.AspNetCore.SignalR;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Access;

/// <summary>Every cell of <see cref="AccessMatrix"/>: each page, endpoint and hub method, as each identity.</summary>
public sealed class AccessMatrixTests(AccessPortal portal) : IClassFixture<AccessPortal>
{
    private static readonly Uri Origin = new("http://localhost");

    public static TheoryData<string, Identity> HttpCells()
    {
        var cells = new TheoryData<string, Identity>();
        foreach (var row in AccessMatrix.Http)
            foreach (var identity in Enum.GetValues<Identity>())
                cells.Add(row.Key, identity);
        return cells;
    }

    public static TheoryData<string, Identity> HubCells()
    {
        var cells = new TheoryData<string, Identity>();
        foreach (var row in AccessMatrix.Hub)
            foreach (var identity in Enum.GetValues<Identity>())
                cells.Add(row.Method, identity);
        return cells;
    }

    [Theory]
    [MemberData(nameof(HttpCells))]
    public async Task EachPageAndEndpointAnswersEachIdentityAsTheMatrixSays(string row, Identity identity)
    {
        var entry = AccessMatrix.Row(row);
        var expected = entry.Expect(identity);

        using var response = await entry.Send(portal, identity);

        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location is { } to ? new Uri(Origin, to).AbsolutePath : null;
        Assert.True((int)response.StatusCode == expected.Status && (expected.RedirectTo is null || location == expected.RedirectTo),
            $"{row} as {identity}: expected {expected}, got {(int)response.StatusCode}{(location is null ? "" : $" to {location}")}: {body[..Math.Min(body.Length, 400)]}");
        if (expected.BodyContains is not null)
            Assert.Contains(expected.BodyContains, body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HubCells))]
    public async Task EachHubMethodAnswersOnlyItsOwnSide(string method, Identity identity)
    {
        var row = AccessMatrix.HubMethod(method);
        await using var connection = HubClient.Build(portal.Portal, portal.TokenOf(identity));

        if (identity is Identity.Anonymous or Identity.RevokedToken)
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            return;
        }
        await connection.StartAsync();
        if (row.IsFor(identity))
        {
            await row.Invoke(connection, portal);
            return;
        }
        var refusal = await Assert.ThrowsAsync<HubException>(() => row.Invoke(connection, portal));
        Assert.Contains("Not allowed", refusal.Message, StringComparison.Ordinal);
    }
}
