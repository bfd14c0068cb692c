using Portal.Core.Access;
using Portal.Data.Invitations;

namespace Portal.Data.Tests;

public sealed class InvitationStoreTests
{
    [Fact]
    public async Task AnInvitationOpensOnceAndThenNoMore()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await database.AddUserAsync("root", admin: true);
        var newcomer = await database.AddUserAsync("cai");
        var invitations = database.Get<InvitationStore>();

        var created = await invitations.CreateAsync(admin.UserId, Roles.Writer, "for Cai");
        var open = await invitations.FindOpenAsync(created.Code);

        Assert.NotNull(open);
        Assert.Equal(Roles.Writer, open.Role);
        Assert.True(await invitations.MarkUsedAsync(open.Id, newcomer.UserId));
        Assert.False(await invitations.MarkUsedAsync(open.Id, newcomer.UserId));
        Assert.Null(await invitations.FindOpenAsync(created.Code));
        Assert.Null(await invitations.FindOpenAsync("not-a-code"));
    }
}
