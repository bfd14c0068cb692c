namespace Portal.Web.Tests.Training;

/// <summary>A folder with the files of a Hugging Face model but not its content: enough for checks that look at files only.</summary>
internal static class FakeModel
{
    public static void Create(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
        File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), [1, 2, 3]);
    }
}
