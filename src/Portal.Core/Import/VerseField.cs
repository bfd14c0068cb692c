namespace Portal.Core.Import;

/// <summary>A verse field as import messages name it: its JSON name, and how a sentence about it starts.</summary>
internal sealed record VerseField(string Name, string Subject, string Verb, bool Plural)
{
    public static readonly VerseField Prompt = new("prompt", "The prompt", "is", Plural: false);
    public static readonly VerseField Lyrics = new("lyrics", "The lyrics", "are", Plural: true);
    public static readonly VerseField Tags = new("tags", "The tags", "are", Plural: true);
    public static readonly VerseField Notes = new("notes", "The notes", "are", Plural: true);

    public static readonly IReadOnlyList<VerseField> All = [Prompt, Lyrics, Tags, Notes];

    public string Contains => Plural ? "contain" : "contains";

    /// <summary>Field names are matched ignoring case: hand-made files write "Prompt" as often as "prompt".</summary>
    public static VerseField? Find(string name) =>
        All.FirstOrDefault(field => string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase));
}
