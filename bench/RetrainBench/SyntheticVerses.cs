using System.Text;

namespace RetrainBench;

/// <summary>A repeatable corpus of any size, shaped like writers' verses (a prompt, 8-16 rhyming-ish bars).</summary>
internal static class SyntheticVerses
{
    private static readonly string[] Themes = ["dawn", "the block", "my mother", "the river", "a broken phone", "winter", "the night bus", "a rival", "the studio", "old friends"];
    private static readonly string[] Moods = ["Motivational", "Battle", "Storytelling", "Nostalgic", "Reflective"];
    private static readonly string[] Subjects = ["I", "we", "she", "the city", "my pen", "the crowd", "the beat", "my shadow"];
    private static readonly string[] Verbs = ["carry", "chase", "remember", "outrun", "rewrite", "hold", "light up", "shake"];
    private static readonly string[] Objects = ["the morning", "a promise", "the pavement", "every line", "the echo", "a quiet flame", "the static", "the whole street"];
    private static readonly string[] Endings = ["till the sun comes through", "like I always do", "with nothing to lose", "in borrowed shoes", "and the sky turns blue", "when the night is through"];

    public static IReadOnlyList<(string Prompt, string Lyrics)> Create(int count, int seed = 7)
    {
        var random = new Random(seed);
        var verses = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var prompt = $"{Pick(random, Moods)} verse number {i + 1} about {Pick(random, Themes)}";
            var lyrics = new StringBuilder();
            var bars = random.Next(8, 17);
            for (var bar = 0; bar < bars; bar++)
            {
                if (bar > 0) lyrics.Append('\n');
                lyrics.Append(Capitalise(Pick(random, Subjects))).Append(' ').Append(Pick(random, Verbs)).Append(' ')
                    .Append(Pick(random, Objects)).Append(' ').Append(Pick(random, Endings));
            }
            verses.Add((prompt, lyrics.ToString()));
        }
        return verses;
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
