using Portal.Core.Verses;

/// <summary>
/// Deterministic verses with a realistic shape (8-16 bars of 6-10 words, a few tags, some near-copies), so that
/// search, lint and the near-duplicate index do the work they do on a real corpus.
/// </summary>
internal static class SyntheticCorpus
{
    private static readonly string[] Words =
    [
        "midnight", "city", "rhyme", "pressure", "dream", "street", "crown", "echo", "river", "fire", "mirror", "signal",
        "gold", "shadow", "rhythm", "engine", "letter", "window", "thunder", "paper", "silver", "hunger", "morning", "chain",
        "we", "I", "they", "run", "write", "hold", "break", "build", "carry", "burn", "turn", "rise", "fall", "keep", "the",
        "a", "my", "your", "in", "on", "through", "under", "every", "never", "still", "again",
    ];

    private static readonly string[] Tags = ["battle", "motivational", "storytelling", "reflective", "party", "love", "hook"];

    public static List<VerseText> Create(int count)
    {
        var random = new Random(1234);
        var verses = new List<VerseText>(count);
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && i % 50 == 0)
            {
                // Every 50th verse reworks an earlier one, as writers do.
                var source = verses[random.Next(verses.Count)];
                verses.Add(source with { Prompt = source.Prompt + " (take two)", Lyrics = source.Lyrics + "\n" + Line(random) });
                continue;
            }
            var bars = random.Next(8, 17);
            var lyrics = string.Join('\n', Enumerable.Range(0, bars).Select(_ => Line(random)));
            var tags = Tags.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            verses.Add(new VerseText($"{tags[0]} verse number {i} about {Words[random.Next(24)]}", lyrics, tags));
        }
        return verses;
    }

    private static string Line(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(6, 11)).Select(_ => Words[random.Next(Words.Length)]));
}
