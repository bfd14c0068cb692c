namespace Portal.Core.Verses;

/// <summary>Counts bars the way writers do: every line with something on it is a bar; blank lines are breathing room.</summary>
public static class Bars
{
    public static int Count(string lyrics)
    {
        if (string.IsNullOrEmpty(lyrics))
        {
            return 0;
        }

        var count = 0;
        foreach (var line in new LineSplitter(lyrics))
        {
            if (!line.IsWhiteSpace())
            {
                count++;
            }
        }
        return count;
    }
}
