namespace Portal.Web.Tests.Components.Support;

/// <summary>Verses for component tests, each with its own words so that only the intended ones are near-duplicates.</summary>
public static class LibraryVerses
{
    public const string HarbourPrompt = "Storytelling verse about the harbour lights at night";
    public const string HarbourLyrics =
        "Harbour lights flicker on the oily black tide\n" +
        "Fishermen counting what the morning will provide\n" +
        "Ropes creak slowly like an old man's knees\n" +
        "Gulls write circles on the salt of the breeze\n" +
        "My father mended nets with a needle and a hum\n" +
        "Said the sea gives back what you give to it, son\n" +
        "Now I mend my verses with the same steady hand\n" +
        "Every knot a promise that the boat makes land";

    public const string ChessPrompt = "Battle verse, confident and playful, wordplay on chess";
    public const string ChessLyrics =
        "You moved your pawn like it's a king on the board\n" +
        "I castled early, now you're stuck with the chord\n" +
        "Your bishop's blind, only sees on one colour\n" +
        "I see the whole grid like a son of a scholar";

    public const string KitchenPrompt = "Nostalgic verse about a grandmother's kitchen radio";
    public const string KitchenLyrics =
        "Grandma kept a radio taped up by the sink\n" +
        "Static in the chorus, silver paint and pink\n" +
        "Sundays smelled like cardamom and burning toast\n" +
        "She said the tunes you lose are the ones that matter most";
}
