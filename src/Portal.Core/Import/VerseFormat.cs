namespace Portal.Core.Import;

/// <summary>The file formats verses are imported from and exported to.</summary>
public enum VerseFormat
{
    /// <summary>The notebook's training_lyrics.json: an array of verse objects, or {"metadata": ..., "verses": [...]}.</summary>
    Json,

    /// <summary>JSON lines: one verse object per line.</summary>
    Jsonl,

    /// <summary>Plain text: a "# prompt" line above each verse's lyrics, verses separated by blank lines.</summary>
    Text,
}
