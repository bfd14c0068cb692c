using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Core.Lint;
using Portal.Core.Text;
using Portal.Core.Verses;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Verses;

// Seeds a real SQLite file with N synthetic verses, then times what the Verses page and its dialogs do.
var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 10_000;
var directory = Path.Combine(Path.GetTempPath(), "verse-library-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
try
{
    var services = new ServiceCollection().AddLogging().AddPortalData(Path.Combine(directory, "portal.db")).BuildServiceProvider();
    await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    var author = await AddAuthorAsync(services);

    var corpus = SyntheticCorpus.Create(count);
    var importer = services.GetRequiredService<VerseImportStore>();
    var import = await Time(() => importer.ImportAsync(corpus.Select((v, i) => (i + 1, v)).ToList(), author, includeInTraining: true));
    Console.WriteLine($"verses: {count:N0}");
    Console.WriteLine($"import (one transaction): {import.Elapsed.TotalMilliseconds:N0} ms");

    var store = services.GetRequiredService<VerseStore>();
    await store.QueryAsync(new VerseQuery()); // warm-up: connection pool, compiled queries
    await Report("first page, newest first", () => store.QueryAsync(new VerseQuery { PageSize = 25 }));
    await Report("page 200 of 400", () => store.QueryAsync(new VerseQuery { PageSize = 25, Page = 200 }));
    await Report("sort by prompt, page 100", () => store.QueryAsync(new VerseQuery { Sort = VerseSort.Prompt, Descending = false, Page = 100 }));
    await Report("search \"midnight\"", () => store.QueryAsync(new VerseQuery { Search = "midnight" }));
    await Report("tag filter \"battle\"", () => store.QueryAsync(new VerseQuery { Tag = "battle" }));
    await Report("corpus stats", () => store.StatsAsync());
    await Report("tag list", () => store.TagsAsync());

    var all = await store.ListAsync(new VerseQuery());
    var options = new LintOptions();
    var tokens = new Gpt2PreTokenCounter();
    var lint = Stopwatch.StartNew();
    var report = CorpusLinter.Lint(all.Select(v => (v.Id, v.Text)), options, tokens);
    Console.WriteLine($"corpus lint: {lint.Elapsed.TotalMilliseconds:N0} ms ({report.VersesWithFindings:N0} verses with findings, {report.Count("near-duplicate"):N0} near-duplicate findings)");

    var index = Stopwatch.StartNew();
    var near = new NearDuplicateIndex(options);
    foreach (var verse in all)
        near.Add(verse.Id, verse.Text);
    var similar = near.FindSimilar(all[^1].Text, all[^1].Id);
    Console.WriteLine($"near-duplicate index build + one lookup (dialog lint): {index.Elapsed.TotalMilliseconds:N0} ms");
    Console.WriteLine($"database size: {new FileInfo(Path.Combine(directory, "portal.db")).Length / 1024.0 / 1024.0:N1} MB");
    await services.DisposeAsync();
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

static async Task Report<T>(string what, Func<Task<T>> action)
{
    const int runs = 20;
    var timings = new List<double>();
    for (var i = 0; i < runs; i++)
        timings.Add((await Time(action)).Elapsed.TotalMilliseconds);
    timings.Sort();
    Console.WriteLine($"{what}: median {timings[runs / 2]:N1} ms, worst {timings[^1]:N1} ms ({runs} runs)");
}

static async Task<(T Result, TimeSpan Elapsed)> Time<T>(Func<Task<T>> action)
{
    var watch = Stopwatch.StartNew();
    var result = await action();
    return (result, watch.Elapsed);
}

static async Task<Actor> AddAuthorAsync(IServiceProvider services)
{
    await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
    var user = new PortalUser { UserName = "bench", NormalizedUserName = "BENCH", CreatedAt = DateTimeOffset.UtcNow };
    db.Users.Add(user);
    await db.SaveChangesAsync();
    return new Actor(user.Id, "bench", IsAdmin: true);
}
