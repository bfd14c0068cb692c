namespace Portal.Ml.Tests.Formats;

/// <summary>A fresh folder per test, removed afterwards, so tests can also assert what else ends up in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("portal-formats-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
