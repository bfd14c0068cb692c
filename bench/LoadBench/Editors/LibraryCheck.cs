using System.Net.Http.Json;
using System.Text.Json;
using Portal.Web.Api;

namespace LoadBench.Editors;

/// <summary>How the library in the database compares with what each writer was told it holds.</summary>
internal sealed record LibraryCheckResult(int Checked, int LostEdits, int MissingVerses, int DeletedButLive, int Unexpected, IReadOnlyList<string> Problems)
{
    public int Total => LostEdits + MissingVerses + DeletedButLive + Unexpected;
}

internal static class LibraryCheck
{
    /// <summary>Reads every live verse (as the admin) and compares each writer's verses with what the writer expects.</summary>
    public static async Task<LibraryCheckResult> CompareAsync(HttpClient admin, IReadOnlyList<EditorSession> sessions, CancellationToken cancellationToken)
    {
        var all = new Dictionary<int, VerseResponse>();
        for (var page = 0; ; page++)
        {
            var items = (await admin.GetFromJsonAsync<VersePageResponse>($"api/verses?pageSize=500&page={page}&sort=Created&desc=false", JsonSerializerOptions.Web, cancellationToken))!.Items;
            foreach (var verse in items)
                all[verse.Id] = verse;
            if (items.Count < 500)
                break;
        }

        int lost = 0, missing = 0, resurrected = 0, unexpected = 0, checkedCount = 0;
        var problems = new List<string>();
        foreach (var session in sessions)
        {
            foreach (var expected in session.Live.Values)
            {
                checkedCount++;
                if (!all.TryGetValue(expected.Id, out var actual))
                {
                    missing++;
                    problems.Add($"{session.Writer.UserName}: verse {expected.Id} (revision {expected.Revision}) is gone");
                }
                else if (!expected.Matches(actual))
                {
                    lost++;
                    problems.Add($"{session.Writer.UserName}: verse {expected.Id} is at revision {actual.Revision}, expected {expected.Revision} with the last saved text");
                }
            }
            foreach (var id in session.Deleted.Where(all.ContainsKey))
            {
                resurrected++;
                problems.Add($"{session.Writer.UserName}: deleted verse {id} is live");
            }
            foreach (var extra in all.Values.Where(v => v.AuthorId == session.Writer.Id && !session.Live.ContainsKey(v.Id) && !session.Deleted.Contains(v.Id)))
            {
                unexpected++;
                problems.Add($"{session.Writer.UserName}: verse {extra.Id} ({extra.Prompt}) was never theirs to have");
            }
        }
        return new LibraryCheckResult(checkedCount, lost, missing, resurrected, unexpected, problems);
    }
}
