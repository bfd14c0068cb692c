using System.Text;

namespace LoadBench;

/// <summary>
/// Verses shaped like writers' (a prompt, 8-12 bars), every one unique: the library refuses an exact duplicate, and a
/// writer's edit has to change the text. The same arguments always give the same verse.
/// </summary>
internal static class BenchVerses
{
    private static readonly string[] Moods = ["Motivational", "Battle", "Storytelling", "Nostalgic", "Reflective"];
    private static readonly string[] Themes = ["the harbour", "a late train", "my sister", "the rooftop", "a cracked screen", "summer rain", "the corner shop", "an old rival"];
    private static readonly string[] Openings = ["I", "we", "the street", "my pen", "the crowd", "the bassline", "my reflection", "the city"];
    private static readonly string[] Verbs = ["carries", "chases", "remembers", "outruns", "rewrites", "holds", "lights up", "shakes"];
    private static readonly string[] Objects = ["the morning", "a promise", "the pavement", "every line", "the echo", "a quiet flame", "the static", "the skyline"];
    private static readonly string[] Endings = ["till the sun breaks through", "like it always knew", "with nothing left to lose", "in second-hand shoes", "as the sky turns blue", "when the night is through"];

    /// <param name="owner">Who the verse is for; part of the prompt, so that a search finds a writer's own verses.</param>
    /// <param name="edit">0 for the verse as imported; each edit gives new lyrics.</param>
    public static (string Prompt, string Lyrics) Create(string owner, int number, int edit = 0)
    {
        // Not HashCode.Combine: that is seeded anew in every process.
        var random = new Random(unchecked(owner.Aggregate(17, (hash, c) => hash * 31 + c) * 7_919 + number * 104_729 + edit) & int.MaxValue);
        var prompt = $"{Pick(random, Moods)} verse {number} of {owner} about {Pick(random, Themes)}";
        var lyrics = new StringBuilder();
        var bars = random.Next(8, 13);
        for (var bar = 0; bar < bars; bar++)
        {
            if (bar > 0)
                lyrics.Append('\n');
            lyrics.Append(Capitalise(Pick(random, Openings))).Append(' ').Append(Pick(random, Verbs)).Append(' ')
                .Append(Pick(random, Objects)).Append(' ').Append(Pick(random, Endings));
        }
        // The edit count in the last bar keeps every edit's text apart from every other, whatever the dice said.
        if (edit > 0)
            lyrics.Append("\nTake ").Append(edit).Append(" of ").Append(owner).Append(", still in the booth");
        return (prompt, lyrics.ToString());
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
