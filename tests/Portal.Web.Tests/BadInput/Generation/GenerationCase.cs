using System.Globalization;
using System.Net;
using System.Text;
using Portal.Web.Tests.BadInput.Cases;

namespace Portal.Web.Tests.BadInput.Generation;

/// <summary>
/// One hostile generation request: a corpus body under tests/HostileInputs/generate (raw text, so that it can hold
/// what JSON cannot, like a bare NaN) or one built at test time, and the answer: status, the field the problem is
/// filed under, and a phrase of its message. "$CANDIDATE" in a body is replaced by the test's trained candidate.
/// </summary>
public sealed record GenerationCase(string Name, HttpStatusCode Status, string Field, string Phrase)
{
    public const string CandidatePlaceholder = "$CANDIDATE";

    public string? File { get; init; }

    public Func<string>? Build { get; init; }

    public string Body(long candidate)
    {
        var text = File is { } file ? Encoding.UTF8.GetString(HostileInputs.Read("generate", file)) : Build!();
        return text.Replace(CandidatePlaceholder, candidate.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public override string ToString() => Name;
}
