using Portal.Core.Training;
using Portal.Data.Training;

namespace Portal.Data.Tests.Training;

public sealed class GoldenPromptStoreTests
{
    [Fact]
    public async Task PromptsAreTrimmedAndListedOldestFirstWithWhoAddedThem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var ben = await database.AddUserAsync("ben");
        var prompts = database.Get<IGoldenPromptStore>();

        Assert.Equal(GoldenPromptAddResult.Added, await prompts.AddAsync(ana.UserId, "  a verse about the sea \n"));
        Assert.Equal(GoldenPromptAddResult.Added, await prompts.AddAsync(ben.UserId, "a verse about chess"));

        var listed = await prompts.ListAsync();
        Assert.Equal(["a verse about the sea", "a verse about chess"], listed.Select(p => p.Text));
        Assert.Equal(["ana", "ben"], listed.Select(p => p.AddedByName));
        Assert.Equal(ana.UserId, listed[0].AddedById);
    }

    [Fact]
    public async Task BlankTooLongAndDuplicatePromptsAreRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var prompts = database.Get<IGoldenPromptStore>();
        await prompts.AddAsync(ana.UserId, "A Verse About The Sea");

        Assert.Equal(GoldenPromptAddResult.Empty, await prompts.AddAsync(ana.UserId, " \t "));
        Assert.Equal(GoldenPromptAddResult.TooLong, await prompts.AddAsync(ana.UserId, new string('x', GoldenPrompt.MaxLength + 1)));
        Assert.Equal(GoldenPromptAddResult.Added, await prompts.AddAsync(ana.UserId, new string('x', GoldenPrompt.MaxLength)));
        Assert.Equal(GoldenPromptAddResult.Duplicate, await prompts.AddAsync(ana.UserId, " a verse about the SEA"));
        Assert.Equal(2, (await prompts.ListAsync()).Count);
    }

    [Fact]
    public async Task NoMoreThanTheMaximumCountAreKept()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var prompts = database.Get<IGoldenPromptStore>();
        for (var i = 0; i < GoldenPrompt.MaxCount; i++)
            Assert.Equal(GoldenPromptAddResult.Added, await prompts.AddAsync(ana.UserId, $"prompt {i}"));

        Assert.Equal(GoldenPromptAddResult.TooMany, await prompts.AddAsync(ana.UserId, "one too many"));
        Assert.Equal(GoldenPrompt.MaxCount, (await prompts.ListAsync()).Count);
    }

    [Fact]
    public async Task WritersRemoveTheirOwnPromptsAndAdminsAnyone()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var ben = await database.AddUserAsync("ben");
        var root = await database.AddUserAsync("root", admin: true);
        var prompts = database.Get<IGoldenPromptStore>();
        await prompts.AddAsync(ana.UserId, "anas prompt");
        await prompts.AddAsync(ana.UserId, "anas other prompt");
        var listed = await prompts.ListAsync();

        Assert.False(await prompts.RemoveAsync(ben.UserId, isAdmin: false, listed[0].Id));
        Assert.True(await prompts.RemoveAsync(ana.UserId, isAdmin: false, listed[0].Id));
        Assert.True(await prompts.RemoveAsync(root.UserId, isAdmin: true, listed[1].Id));
        Assert.False(await prompts.RemoveAsync(root.UserId, isAdmin: true, listed[1].Id));
        Assert.Empty(await prompts.ListAsync());
    }

    [Fact]
    public async Task TheStoresAreRegisteredUnderTheirPorts()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Same(database.Get<TrainingJobStore>(), database.Get<ITrainingJobStore>());
        Assert.Same(database.Get<GoldenPromptStore>(), database.Get<IGoldenPromptStore>());
        Assert.Same(database.Get<PortalSettingsStore>(), database.Get<IPortalSettingsStore>());
    }
}
