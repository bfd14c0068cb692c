using Portal.Core.Verses;

namespace Portal.Core.Import;

/// <summary>
/// One verse as found in an import file. <paramref name="Number"/> counts verses from 1 in file order;
/// <paramref name="Verse"/> is cleaned and ready to store, or null when <paramref name="Errors"/> says why not.
/// </summary>
public sealed record ImportItem(int Number, VerseText? Verse, IReadOnlyList<string> Errors)
{
    /// <summary>The line the verse starts on, when the format makes that meaningful to a writer.</summary>
    public int? Line { get; init; }

    public bool IsValid => Verse is not null;
}
