using Microsoft.Data.Sqlite;
using Portal.Core.Playground;

namespace Portal.Data.Tests.Playground;

public sealed class GenerationHistoryStoreTests
{
    private static readonly SamplingSettings Plain = new(
        MaxNewTokens: 120, Temperature: 0.8, TopK: null, TopP: null, RepetitionPenalty: 1.1, Seed: 9_007_199_254_740_993, Stop: ["\n\n", "END"]);

    private static GenerationOutput Output(ModelChoice model, string label, string text) =>
        new(model, label, text, GeneratedTokens: 42, FinishReason: "stop", FirstTokenMs: 12.5, TokensPerSecond: 310.25, CopiedShare: 0.125);

    private static NewGeneration Run(string prompt, SamplingSettings? settings = null) =>
        new(prompt, settings ?? Plain, [Output(ModelChoice.ForVersion(3), "A", "first text")]);

    [Fact]
    public async Task ARunComesBackWithItsPromptEverySettingAndBothOutputs()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var history = database.Get<IGenerationHistoryStore>();
        GenerationOutput[] outputs =
        [
            Output(ModelChoice.ForVersion(3), "A", "Moonlight on the water,\nsilver on the sea"),
            Output(ModelChoice.ForCandidate(12), "B", "The tide — it turns 🌊") with { FinishReason = "length", CopiedShare = 0 },
        ];
        var before = DateTimeOffset.UtcNow;

        var added = await history.AddAsync(ana.UserId, new NewGeneration("A verse about the sea", Plain, outputs), keep: 50);
        var found = await history.FindAsync(ana.UserId, added.Id);

        Assert.NotNull(found);
        Assert.Equal(added.Id, found.Id);
        Assert.Equal(ana.UserId, found.UserId);
        Assert.Equal("A verse about the sea", found.Prompt);
        Assert.Equal(added.CreatedAt, found.CreatedAt);
        Assert.InRange(found.CreatedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(Plain with { Stop = found.Settings.Stop }, found.Settings);
        Assert.Null(found.Settings.TopK);
        Assert.Null(found.Settings.TopP);
        Assert.Equal(["\n\n", "END"], found.Settings.Stop);
        Assert.Equal(outputs, found.Outputs);
    }

    [Fact]
    public async Task TopKAndTopPAreKeptWhenSet()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var history = database.Get<IGenerationHistoryStore>();
        var settings = Plain with { TopK = 40, TopP = 0.95, Stop = [] };

        var added = await history.AddAsync(ana.UserId, Run("prompt", settings), keep: 50);
        var found = await history.FindAsync(ana.UserId, added.Id);

        Assert.Equal(40, found?.Settings.TopK);
        Assert.Equal(0.95, found?.Settings.TopP);
        Assert.Empty(found!.Settings.Stop);
    }

    [Fact]
    public async Task TimingFiguresThatAreNotNumbersDoNotLoseTheRun()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var history = database.Get<IGenerationHistoryStore>();
        // A model that stops before its first token has no first-token time and no rate.
        var empty = Output(ModelChoice.ForVersion(1), "A", "") with { GeneratedTokens = 0, FirstTokenMs = double.NaN, TokensPerSecond = double.PositiveInfinity };

        var added = await history.AddAsync(ana.UserId, new NewGeneration("prompt", Plain, [empty]), keep: 50);

        Assert.Equal([empty], (await history.FindAsync(ana.UserId, added.Id))!.Outputs);
    }

    [Fact]
    public async Task ModelsAreStoredByTheirShortNames()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var history = database.Get<IGenerationHistoryStore>();
        var outputs = new[] { Output(ModelChoice.ForVersion(3), "A", "a"), Output(ModelChoice.ForCandidate(12), "B", "b") };

        await history.AddAsync(ana.UserId, new NewGeneration("prompt", Plain, outputs), keep: 50);

        await using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT OutputsJson FROM GenerationRuns";
        var json = (string)(await command.ExecuteScalarAsync())!;
        Assert.Contains("\"model\":\"v3\"", json);
        Assert.Contains("\"model\":\"job-12\"", json);
    }

    [Fact]
    public async Task RecentRunsComeNewestFirstAndNoMoreThanAsked()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var history = database.Get<IGenerationHistoryStore>();
        foreach (var prompt in new[] { "one", "two", "three" })
            await history.AddAsync(ana.UserId, Run(prompt), keep: 50);

        Assert.Equal(["three", "two", "one"], (await history.RecentAsync(ana.UserId, 10)).Select(r => r.Prompt));
        Assert.Equal(["three", "two"], (await history.RecentAsync(ana.UserId, 2)).Select(r => r.Prompt));
        Assert.Empty(await history.RecentAsync(ana.UserId, 0));
    }

    [Fact]
    public async Task KeepDropsOnlyThatWritersOldestRuns()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (ana, ben) = (await database.AddUserAsync("ana"), await database.AddUserAsync("ben"));
        var history = database.Get<IGenerationHistoryStore>();
        var first = await history.AddAsync(ana.UserId, Run("ana 1"), keep: 3);
        await history.AddAsync(ben.UserId, Run("ben 1"), keep: 3);
        await history.AddAsync(ben.UserId, Run("ben 2"), keep: 3);
        await history.AddAsync(ana.UserId, Run("ana 2"), keep: 3);
        await history.AddAsync(ana.UserId, Run("ana 3"), keep: 3);

        await history.AddAsync(ana.UserId, Run("ana 4"), keep: 3);

        Assert.Equal(["ana 4", "ana 3", "ana 2"], (await history.RecentAsync(ana.UserId, 10)).Select(r => r.Prompt));
        Assert.Null(await history.FindAsync(ana.UserId, first.Id));
        Assert.Equal(["ben 2", "ben 1"], (await history.RecentAsync(ben.UserId, 10)).Select(r => r.Prompt));
    }

    [Fact]
    public async Task AKeepOfOneLeavesOnlyTheRunJustAdded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var history = database.Get<IGenerationHistoryStore>();
        await history.AddAsync(ana.UserId, Run("old"), keep: 50);
        await history.AddAsync(ana.UserId, Run("older"), keep: 50);

        var latest = await history.AddAsync(ana.UserId, Run("new"), keep: 1);

        Assert.Equal([latest.Id], (await history.RecentAsync(ana.UserId, 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task AnotherWritersRunIsNotFound()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (ana, ben) = (await database.AddUserAsync("ana"), await database.AddUserAsync("ben"));
        var history = database.Get<IGenerationHistoryStore>();
        var anas = await history.AddAsync(ana.UserId, Run("ana's own"), keep: 50);

        Assert.Null(await history.FindAsync(ben.UserId, anas.Id));
        Assert.Empty(await history.RecentAsync(ben.UserId, 10));
        Assert.NotNull(await history.FindAsync(ana.UserId, anas.Id));
        Assert.Null(await history.FindAsync(ana.UserId, anas.Id + 1));
    }

    [Fact]
    public async Task AKeepBelowOneIsRefusedAndStoresNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var history = database.Get<IGenerationHistoryStore>();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => history.AddAsync(ana.UserId, Run("prompt"), keep: 0));
        Assert.Empty(await history.RecentAsync(ana.UserId, 10));
    }
}
