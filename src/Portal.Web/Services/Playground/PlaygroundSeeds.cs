namespace Portal.Web.Services.Playground;

/// <summary>Seeds the playground draws when the writer has none: six digits at most, short enough to read, note and type back.</summary>
public static class PlaygroundSeeds
{
    private const int Limit = 1_000_000;

    public static long Draw() => Random.Shared.Next(1, Limit);
}
