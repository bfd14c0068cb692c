namespace Portal.Web.Tests.BadInput.Cases;

/// <summary>The checked-in corpus (tests/HostileInputs), copied next to the test assembly by the project file.</summary>
internal static class HostileInputs
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "HostileInputs");

    public static byte[] Read(string folder, string name) => File.ReadAllBytes(Path.Combine(Root, folder, name));

    /// <summary>The file names in one folder of the corpus, sorted.</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static string Readme => File.ReadAllText(Path.Combine(Root, "README.md"));
}
