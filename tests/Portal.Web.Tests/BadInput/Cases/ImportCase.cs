using System.Net;

namespace Portal.Web.Tests.BadInput.Cases;

/// <summary>
/// One hostile import: a corpus file (<see cref="File"/>) or a body built at test time (<see cref="Build"/>), the query
/// it is sent with, and what the portal must answer: the status and a phrase that names the problem.
/// </summary>
public sealed record ImportCase(string Name, HttpStatusCode Status, string Phrase, string Query = "")
{
    /// <summary>The corpus file under tests/HostileInputs/import, or null for a generated body.</summary>
    public string? File { get; init; }

    public Func<byte[]>? Build { get; init; }

    public byte[] Body() => File is { } file ? HostileInputs.Read("import", file) : Build!();

    public override string ToString() => Name;
}
