using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Web.Api;

namespace LoadBench.Editors;

/// <summary>
/// One writer at work through the REST API: imports a batch of their verses, then, until the deadline, edits them
/// (PUT with the revision they last saw), reads one back now and then, deletes a few, and every tenth request saves
/// a stale revision on purpose, which must be refused with 409 and the verse as it is. Keeps what each verse should now
/// be, to compare with the database afterwards.
/// </summary>
internal sealed class EditorSession(BenchWriter writer, HttpClient api, int firstNumber, int verseCount, int deletes, TimeSpan pause) : IDisposable
{
    private readonly Dictionary<int, ExpectedVerse> live = [];
    private readonly HashSet<int> deleted = [];
    // Seeded by the writer, so that twenty writers do not all roll the same dice.
    private readonly Random random = new(unchecked(writer.UserName.Aggregate(firstNumber, (hash, c) => hash * 31 + c)));
    private int editCount;

    public BenchWriter Writer => writer;
    public IReadOnlyDictionary<int, ExpectedVerse> Live => live;
    public IReadOnlySet<int> Deleted => deleted;
    public List<double> EditMs { get; } = [];
    public List<string> Errors { get; } = [];
    public int Operations { get; private set; }
    public int Edits { get; private set; }
    public int Reads { get; private set; }
    public int DeliberateConflicts { get; private set; }

    /// <summary>Saves the portal acknowledged whose text a later read or the 409's "current" did not show.</summary>
    public int LostEdits { get; private set; }

    public double ImportMs { get; private set; }

    public async Task ImportAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var verses = Enumerable.Range(firstNumber, verseCount).Select(n => BenchVerses.Create(writer.UserName, n)).ToList();
        await BenchJobs.ImportAsync(api, verses, cancellationToken);
        ImportMs = clock.Elapsed.TotalMilliseconds;
        Operations++;

        // The import answers counts, not ids: the writer finds their verses as the verses page would, by search.
        var page = await api.GetFromJsonAsync<VersePageResponse>($"api/verses?search={Uri.EscapeDataString($"of {writer.UserName} about")}&pageSize=500", JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException("The verse list was empty.");
        var prompts = verses.Select(v => v.Prompt).ToHashSet();
        foreach (var verse in page.Items.Where(v => v.AuthorId == writer.Id && prompts.Contains(v.Prompt)))
            live[verse.Id] = ExpectedVerse.From(verse);
        if (live.Count != verseCount)
            Errors.Add($"{writer.UserName} imported {verseCount} verses and found {live.Count} of them");
    }

    /// <summary>
    /// Until the deadline: every tenth request a stale save and another a delete (while deletes are left), otherwise
    /// a read one time in five and an edit the rest, each on a verse picked at random.
    /// </summary>
    public async Task RunAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        for (var step = 1; DateTimeOffset.UtcNow < until && live.Count > 0; step++)
        {
            var verse = live.Values.ElementAt(random.Next(live.Count));
            if (step % 10 == 3)
                await SaveStaleAsync(verse, cancellationToken);
            else if (step % 10 == 7 && deleted.Count < deletes)
                await DeleteAsync(verse, cancellationToken);
            else if (random.Next(5) == 0)
                await ReadAsync(verse, cancellationToken);
            else
                await EditAsync(verse, cancellationToken);
            Operations++;
            await Task.Delay(pause, cancellationToken);
        }
    }

    private async Task EditAsync(ExpectedVerse verse, CancellationToken cancellationToken)
    {
        var (prompt, lyrics) = BenchVerses.Create(writer.UserName, Number(verse), ++editCount);
        var clock = Stopwatch.StartNew();
        using var response = await api.PutAsJsonAsync($"api/verses/{verse.Id}", new { prompt, lyrics, revision = verse.Revision }, JsonSerializerOptions.Web, cancellationToken);
        var saved = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<VerseResponse>(JsonSerializerOptions.Web, cancellationToken) : null;
        EditMs.Add(clock.Elapsed.TotalMilliseconds);
        Edits++;
        if (saved is null)
        {
            await FailedAsync("PUT", verse, response, cancellationToken);
            return;
        }
        if (saved.Prompt != prompt || saved.Lyrics != lyrics || saved.Revision != verse.Revision + 1)
            Errors.Add($"{writer.UserName}: PUT verse {verse.Id} at revision {verse.Revision} answered revision {saved.Revision} with other text");
        live[verse.Id] = ExpectedVerse.From(saved);
    }

    /// <summary>A second tab that opened the verse before the last save: the portal must refuse it and show the verse as saved.</summary>
    private async Task SaveStaleAsync(ExpectedVerse verse, CancellationToken cancellationToken)
    {
        var (prompt, lyrics) = BenchVerses.Create(writer.UserName, Number(verse), ++editCount);
        var stale = verse.Revision > 1 ? verse.Revision - 1 : verse.Revision + 1;
        using var response = await api.PutAsJsonAsync($"api/verses/{verse.Id}", new { prompt, lyrics, revision = stale }, JsonSerializerOptions.Web, cancellationToken);
        DeliberateConflicts++;
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            Errors.Add($"{writer.UserName}: PUT verse {verse.Id} with stale revision {stale} (current {verse.Revision}) answered {(int)response.StatusCode}, not 409");
            if (response.IsSuccessStatusCode)
            {
                // The stale save overwrote the writer's last one: that edit is lost.
                LostEdits++;
                live[verse.Id] = ExpectedVerse.From((await response.Content.ReadFromJsonAsync<VerseResponse>(JsonSerializerOptions.Web, cancellationToken))!);
            }
            return;
        }
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var current = problem.RootElement.GetProperty("current").Deserialize<VerseResponse>(JsonSerializerOptions.Web)!;
        if (!verse.Matches(current))
        {
            LostEdits++;
            Errors.Add($"{writer.UserName}: the 409 for verse {verse.Id} showed revision {current.Revision}, not the saved {verse.Revision}");
            live[verse.Id] = ExpectedVerse.From(current);
        }
    }

    private async Task ReadAsync(ExpectedVerse verse, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync($"api/verses/{verse.Id}", cancellationToken);
        Reads++;
        if (!response.IsSuccessStatusCode)
        {
            await FailedAsync("GET", verse, response, cancellationToken);
            return;
        }
        var current = (await response.Content.ReadFromJsonAsync<VerseResponse>(JsonSerializerOptions.Web, cancellationToken))!;
        if (!verse.Matches(current))
        {
            LostEdits++;
            Errors.Add($"{writer.UserName}: GET verse {verse.Id} showed revision {current.Revision}, not the saved {verse.Revision}");
            live[verse.Id] = ExpectedVerse.From(current);
        }
    }

    private async Task DeleteAsync(ExpectedVerse verse, CancellationToken cancellationToken)
    {
        using var response = await api.DeleteAsync($"api/verses/{verse.Id}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await FailedAsync("DELETE", verse, response, cancellationToken);
            return;
        }
        live.Remove(verse.Id);
        deleted.Add(verse.Id);
    }

    /// <summary>Deletes every verse still live, so that the library is as it was before this writer came.</summary>
    public async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        foreach (var verse in live.Values.ToList())
        {
            using var response = await api.DeleteAsync($"api/verses/{verse.Id}", cancellationToken);
            if (!response.IsSuccessStatusCode)
                Errors.Add($"{writer.UserName}: clean-up DELETE verse {verse.Id} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Records the failure and reads the verse again, so that one failure does not turn every later save into a conflict.</summary>
    private async Task FailedAsync(string method, ExpectedVerse verse, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Errors.Add($"{writer.UserName}: {method} verse {verse.Id} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        using var again = await api.GetAsync($"api/verses/{verse.Id}", cancellationToken);
        if (again.IsSuccessStatusCode)
            live[verse.Id] = ExpectedVerse.From((await again.Content.ReadFromJsonAsync<VerseResponse>(JsonSerializerOptions.Web, cancellationToken))!);
    }

    public void Dispose() => api.Dispose();

    /// <summary>The verse's number in <see cref="BenchVerses"/>, read back from its prompt ("... verse 12 of editor03 about ...").</summary>
    private static int Number(ExpectedVerse verse)
    {
        var words = verse.Prompt.Split(' ');
        return int.Parse(words[Array.IndexOf(words, "verse") + 1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
