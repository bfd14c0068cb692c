using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tokens;
using Portal.Web.Tests.Faults.Promotion;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>A token's last-use time is recorded beside the call: a long write holding the database never makes a call wait for it.</summary>
public sealed class TokenLastUseTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task ACallAnswersWhileAnotherWriteHoldsTheDatabaseAndItsLastUseIsRecordedAfterwards()
    {
        var writer = await portal.CreateWriterAsync("gale");
        using var client = portal.CreateBearerClient(writer.Token);
        var tokens = portal.Services.GetRequiredService<ApiTokenStore>();

        HttpResponseMessage held;
        using (new DatabaseWriteLock(portal.DataDirectory))
        {
            // A call that waited for the write lock would wait out SQLite's 30 s busy timeout and then fail.
            held = await client.GetAsync("/api/verses").WaitAsync(TimeSpan.FromSeconds(20));
        }

        using (held)
            Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        // Recorded once the database is free: by the write that waited, or by the next call's if that one gave up.
        using (var next = await client.GetAsync("/api/verses"))
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1);
        while ((await tokens.ListAsync(writer.Id)).Single().LastUsedAt is null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The token's last use was never recorded.");
            await Task.Delay(50);
        }
    }
}
