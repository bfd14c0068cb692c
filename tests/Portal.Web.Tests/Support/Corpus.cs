using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Numbered verses that pass every import rule and differ enough not to be near-duplicates, written in each format
/// the importer reads.
/// </summary>
public static class Corpus
{
    private static readonly string[] Places = ["harbour", "station", "rooftop", "market", "bridge", "library", "stadium", "orchard", "subway", "bakery"];

    public static string Prompt(int n) => $"Storytelling verse {n} about the {Place(n)} at night";

    /// <summary>The number a prompt of this corpus was made from.</summary>
    public static int NumberOf(string prompt) => int.Parse(prompt.Split(' ')[2], CultureInfo.InvariantCulture);

    public static string Lyrics(int n) =>
        $"Verse {n} starts where the {Place(n)} hums low\n" +
        $"Counting {n} lights in a row that glow\n" +
        $"Every bar number {n} has a story to tell\n" +
        $"Ending {n} rings like a {Place(n + 3)} bell";

    public static string JsonArray(params int[] numbers) => JsonSerializer.Serialize(numbers.Select(Item));

    public static string Wrapped(params int[] numbers) =>
        JsonSerializer.Serialize(new { metadata = new { source = "tests", count = numbers.Length }, verses = numbers.Select(Item) });

    public static string JsonLines(params int[] numbers) =>
        string.Join("\n", numbers.Select(n => JsonSerializer.Serialize(Item(n)))) + "\n";

    public static string PlainText(params int[] numbers)
    {
        var text = new StringBuilder();
        foreach (var n in numbers)
            text.Append("# ").Append(Prompt(n)).Append("\n## tags: story\n").Append(Lyrics(n)).Append("\n\n");
        return text.ToString();
    }

    private static object Item(int n) => new { prompt = Prompt(n), lyrics = Lyrics(n), tags = new[] { "story" } };

    private static string Place(int n) => Places[n % Places.Length];
}
