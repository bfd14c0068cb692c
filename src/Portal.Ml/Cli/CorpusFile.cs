using Portal.Core.Import;
using Portal.Core.Verses;
using Portal.Ml.Training;

namespace Portal.Ml.Cli;

/// <summary>Reads a verse file (e.g. training_lyrics.json) with the portal's own import rules.</summary>
public static class CorpusFile
{
    public static IReadOnlyList<TrainingVerse> Read(string path, TextWriter log)
    {
        if (!File.Exists(path))
            throw new UsageException($"The verse file \"{path}\" does not exist.");

        var result = VerseImportParser.Parse(File.ReadAllBytes(path), new ImportLimits());
        if (result.IsFileRejected)
            throw new InvalidDataException($"\"{path}\" cannot be read: {string.Join(" ", result.FileErrors)}");
        foreach (var item in result.InvalidItems)
            log.WriteLine($"Skipping verse {item.Number}: {string.Join(" ", item.Errors)}");

        // The content hash is a verse's id here: stable across exports, so the validation split stays put.
        return result.ValidItems
            .Select(item => item.Verse!)
            .Select(verse => new TrainingVerse(ContentHash.Of(verse.Prompt, verse.Lyrics), verse.Prompt, verse.Lyrics))
            .DistinctBy(verse => verse.Id)
            .ToList();
    }
}
