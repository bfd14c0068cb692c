using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace Portal.GitOps.Remote;

/// <summary>
/// libgit2's limits on waiting for a remote: how long a connection may take, and how long any one read or write may
/// wait once connected. libgit2 has none by default, so a remote that accepts a connection and then says nothing held a
/// push, and the deploy queue behind it, until the portal was restarted. LibGit2Sharp does not expose these options;
/// they are set with git_libgit2_opts in the libgit2 that LibGit2Sharp loaded. Process-wide, as libgit2's options are.
/// </summary>
public static class GitNetworkTimeouts
{
    // git_libgit2_opt_t, libgit2 1.7 and later (include/git2/common.h).
    private const int SetConnectOption = 39;
    private const int GetConnectOption = 40;
    private const int SetServerOption = 41;
    private const int GetServerOption = 42;

    // git_libgit2_opts is variadic; these are the two shapes it is called with here. An int passed as a variadic
    // argument travels as it would as a fixed one on the ABIs .NET runs on.
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetIntOption(int option, int value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetIntOption(int option, out int value);

    private static readonly Lazy<(SetIntOption Set, GetIntOption Get)> Opts = new(Bind);
    private static readonly Lock Gate = new();

    /// <summary>Sets both limits and reads them back.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not a positive number of milliseconds that fits an int.</exception>
    /// <exception cref="InvalidOperationException">The loaded libgit2 refused the option (older than 1.7).</exception>
    public static void Apply(TimeSpan connect, TimeSpan server)
    {
        var (connectMs, serverMs) = (Milliseconds(connect, nameof(connect)), Milliseconds(server, nameof(server)));
        lock (Gate)
        {
            Check(Opts.Value.Set(SetConnectOption, connectMs), "connect timeout");
            Check(Opts.Value.Set(SetServerOption, serverMs), "server timeout");
            if (Current != (TimeSpan.FromMilliseconds(connectMs), TimeSpan.FromMilliseconds(serverMs)))
                throw new InvalidOperationException($"libgit2 did not keep the network timeouts it was given: it reads back {Current}.");
        }
    }

    /// <summary>The limits libgit2 applies now; zero means it waits as long as the operating system does.</summary>
    public static (TimeSpan Connect, TimeSpan Server) Current
    {
        get
        {
            Check(Opts.Value.Get(GetConnectOption, out var connect), "connect timeout");
            Check(Opts.Value.Get(GetServerOption, out var server), "server timeout");
            return (TimeSpan.FromMilliseconds(connect), TimeSpan.FromMilliseconds(server));
        }
    }

    private static int Milliseconds(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
            throw new ArgumentOutOfRangeException(name, value, "A git network timeout must be more than zero and under 24 days.");
        return (int)Math.Ceiling(value.TotalMilliseconds);
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
            throw new InvalidOperationException($"libgit2 {GlobalSettings.Version.LibGit2CommitSha[..7]} refused the git {what} option: it needs libgit2 1.7 or later.");
    }

    /// <summary>The library LibGit2Sharp's own calls go to: it names it git2-&lt;first 7 characters of libgit2's commit&gt;.</summary>
    private static (SetIntOption, GetIntOption) Bind()
    {
        var name = "git2-" + GlobalSettings.Version.LibGit2CommitSha[..7];
        var library = NativeLibrary.Load(name, typeof(Repository).Assembly, searchPath: null);
        var opts = NativeLibrary.GetExport(library, "git_libgit2_opts");
        return (Marshal.GetDelegateForFunctionPointer<SetIntOption>(opts), Marshal.GetDelegateForFunctionPointer<GetIntOption>(opts));
    }
}
