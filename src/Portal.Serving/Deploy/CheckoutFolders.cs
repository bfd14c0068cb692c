using Portal.Serving.Options;

namespace Portal.Serving.Deploy;

/// <summary>
/// work/checkouts: the files of each loaded commit, side by side, so that a new version is written and verified
/// beside the one being served. A checkout is deleted by its model when the model stops (see <see cref="Inference.ServedModel"/>).
/// </summary>
internal sealed class CheckoutFolders(RepositorySource source)
{
    private int _made;

    public string Root => Path.Combine(source.WorkDirectory, "checkouts");

    /// <summary>
    /// A new folder for the commit: "&lt;sha&gt;-&lt;n&gt;". The branch can return to a commit whose earlier checkout
    /// still serves requests in flight, so every activation gets a folder of its own.
    /// </summary>
    public string NewFor(string commit) => Path.Combine(Root, $"{commit}-{Interlocked.Increment(ref _made)}");

    public void DeleteAll() => Delete(Root);

    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
