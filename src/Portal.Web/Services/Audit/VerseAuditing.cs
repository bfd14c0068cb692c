using Portal.Core.Access;
using Portal.Core.Audit;
using Portal.Core.Verses;

namespace Portal.Web.Services.Audit;

/// <summary>How a change to one verse reads in the audit log, the same from the page and from the API.</summary>
public static class VerseAuditing
{
    private const int PromptChars = 80;

    public static Task RecordVerseAsync(this IAuditLog audit, Actor actor, AuditAction action, Verse verse)
    {
        ArgumentNullException.ThrowIfNull(verse);
        // The prompt says which verse it was, in words, even after it is gone; the lyrics stay out of the log.
        var prompt = verse.Text.Prompt.Length <= PromptChars ? verse.Text.Prompt : verse.Text.Prompt[..PromptChars] + "…";
        return audit.RecordAsync(actor, action, $"verse #{verse.Id}", $"\"{prompt}\" by {verse.AuthorName}");
    }
}
