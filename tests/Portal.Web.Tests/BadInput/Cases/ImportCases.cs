using System.Net;
using System.Text;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BadInput.Cases;

/// <summary>
/// Every hostile import in the corpus with its expected answer (tests/HostileInputs/README.md lists the same). Small
/// cases are files; big ones are built here, at test time, so that no megabytes are checked in.
/// </summary>
public static class ImportCases
{
    /// <summary>The portal's default Portal:Import:MaxBytes, which the import tests run with.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private const HttpStatusCode Bad = HttpStatusCode.BadRequest;

    public static readonly IReadOnlyList<ImportCase> Refused =
    [
        FromFile("invalid-utf8.json", Bad, "is not valid UTF-8 text"),
        FromFile("invalid-utf8-overlong.txt", Bad, "is not valid UTF-8 text"),
        FromFile("utf16le-bom.json", Bad, "It looks like UTF-16"),
        FromFile("utf16be-bom.json", Bad, "It looks like UTF-16"),
        FromFile("utf16le-no-bom.txt", Bad, "looks like UTF-16 text without a byte order mark"),
        FromFile("nul-raw-in-string.json", Bad, "is invalid within a JSON string"),
        FromFile("nul-escaped-in-lyrics.json", Bad, "control character (U+0000)"),
        FromFile("nul-in-text.txt", Bad, "control character (U+0000)"),
        FromFile("nul-only.bin", Bad, "binary data, not text"),
        FromFile("wrong-type-prompt-number.json", Bad, "\"prompt\" must be text, but it is a number"),
        FromFile("wrong-type-lyrics-list.json", Bad, "\"lyrics\" must be text with one bar per line, but it is a list"),
        FromFile("wrong-type-tags-object.json", Bad, "\"tags\" must be a list of text or one comma-separated text, but it is a group of fields"),
        FromFile("wrong-type-notes-bool.json", Bad, "\"notes\" must be text, but it is true/false"),
        FromFile("wrong-type-verses-text.json", Bad, "\"verses\" must be a list of verses, but it is text"),
        FromFile("wrong-type-item-number.json", Bad, "This entry is a number, not a verse"),
        FromFile("wrong-type-top-level-text.json", Bad, "No verses found."),
        FromFile("broken-surrogate-escape.json", Bad, "broken \\u escape"),
        FromFile("duplicate-field.json", Bad, "\"prompt\" appears more than once"),
        FromFile("mixed-json-then-text.json", Bad, "formats cannot be mixed"),
        FromFile("mixed-jsonl-then-text.jsonl", Bad, "One file must use one format"),
        FromFile("mixed-text-then-json.txt", Bad, "One file must use one format"),
        FromFile("empty.json", Bad, "The file is empty."),
        FromFile("whitespace-only.txt", Bad, "The file is empty."),
        FromFile("truncated.json", Bad, "The file is not valid JSON"),
        Generated("text-sent-as-json", Bad, "The file looks like plain text, not JSON", () => Utf8(Corpus.PlainText(1, 2)), "?format=json"),
        Generated("million-items-json", Bad, "more than 20,000 verses", () => Repeated("[", "{},", 1_000_000, "{}]")),
        Generated("million-items-jsonl", Bad, "more than 20,000 verses", () => Repeated("", "{}\n", 1_000_000, "")),
        Generated("million-items-text", Bad, "more than 20,000 verses", () => Repeated("", "# p\nl\n\n", 1_000_000, "")),
        Generated("nested-10000-arrays", Bad, "nests more than 8 levels deep", () => Repeated("", "[", 10_000, new string(']', 10_000))),
        Generated("nested-10000-objects", Bad, "nests more than 8 levels deep", () => Repeated("{\"verses\": [", "{\"a\": ", 10_000, "1" + new string('}', 10_000) + "]}")),
        Generated("ten-megabyte-lyrics-json", Bad, "characters long; the limit is 10,000", () => OneVerseJson(Corpus.Prompt(1), new string('a', 10 * 1024 * 1024))),
        Generated("ten-megabyte-prompt-text", Bad, "characters long; the limit is 1,000", () => Utf8("# " + new string('p', 10 * 1024 * 1024) + "\n" + Corpus.Lyrics(1) + "\n")),
        Generated("one-byte-over-the-limit", HttpStatusCode.RequestEntityTooLarge, "limit", () => OverTheLimit(MaxBytes + 1)),
        Generated("seventeen-megabytes", HttpStatusCode.RequestEntityTooLarge, "limit", () => OverTheLimit(17 * 1024 * 1024)),
    ];

    /// <summary>Files that look odd but are fine: a writer's editor adds byte order marks. Each imports 2 verses.</summary>
    public static readonly IReadOnlyList<ImportCase> Accepted =
    [
        FromFile("utf8-bom.json", HttpStatusCode.OK, ""),
        FromFile("utf8-double-bom.json", HttpStatusCode.OK, ""),
    ];

    public static TheoryData<string> RefusedNames => Names(Refused);

    public static TheoryData<string> AcceptedNames => Names(Accepted);

    public static ImportCase Find(string name) => Refused.Concat(Accepted).Single(c => c.Name == name);

    private static ImportCase FromFile(string file, HttpStatusCode status, string phrase) => new(file, status, phrase) { File = file };

    private static ImportCase Generated(string name, HttpStatusCode status, string phrase, Func<byte[]> build, string query = "") =>
        new(name, status, phrase, query) { Build = build };

    private static TheoryData<string> Names(IEnumerable<ImportCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (var c in cases)
            data.Add(c.Name);
        return data;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Repeated(string head, string unit, int count, string tail)
    {
        var text = new StringBuilder(head.Length + unit.Length * count + tail.Length);
        text.Append(head).Insert(text.Length, unit, count).Append(tail);
        return Utf8(text.ToString());
    }

    private static byte[] OneVerseJson(string prompt, string lyrics) =>
        Utf8($"[{{\"prompt\": \"{prompt}\", \"lyrics\": \"{lyrics}\"}}]");

    // A valid verse file padded with spaces: only its size is wrong.
    private static byte[] OverTheLimit(int size)
    {
        var verses = Utf8(Corpus.JsonArray(1, 2));
        var body = new byte[size];
        verses.CopyTo(body, 0);
        body.AsSpan(verses.Length).Fill((byte)' ');
        return body;
    }
}
