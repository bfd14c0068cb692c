using System.Globalization;

namespace Portal.GitOps.Changes;

/// <summary>Sizes as people read them (1 MB = 1024 KB, as git hosts count).</summary>
internal static class ByteSize
{
    private const double Kilo = 1024;
    private const double Mega = 1024 * 1024;

    public static string Format(long bytes) => bytes switch
    {
        >= (long)Mega => (bytes / Mega).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= (long)Kilo => (bytes / Kilo).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
