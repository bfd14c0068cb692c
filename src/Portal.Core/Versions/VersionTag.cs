using System.Globalization;

namespace Portal.Core.Versions;

/// <summary>The annotated tag of a version in the deploy repository: v1, v2, ...</summary>
public static class VersionTag
{
    public static string Of(int number) => "v" + number.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? tag, out int number)
    {
        number = 0;
        return tag is { Length: > 1 } && tag[0] == 'v'
            && int.TryParse(tag.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
