using Portal.Core.Verses;

namespace Portal.Web.Components.Pages.Verses;

/// <summary>The editable state of the verse dialog; tags are typed as one comma-separated line.</summary>
public sealed class VerseForm
{
    public string Prompt { get; set; } = "";
    public string Lyrics { get; set; } = "";
    public string Tags { get; set; } = "";
    public string Notes { get; set; } = "";
    public bool IncludeInTraining { get; set; } = true;

    public static VerseForm From(Verse verse) => new()
    {
        Prompt = verse.Text.Prompt,
        Lyrics = verse.Text.Lyrics,
        Tags = string.Join(", ", verse.Text.Tags),
        Notes = verse.Text.Notes ?? "",
        IncludeInTraining = verse.IncludeInTraining,
    };

    public VerseText ToText() => new(Prompt, Lyrics, VerseTags.Parse(Tags), string.IsNullOrWhiteSpace(Notes) ? null : Notes);
}
