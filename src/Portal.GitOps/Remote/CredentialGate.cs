using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace Portal.GitOps.Remote;

/// <summary>
/// Answers libgit2's credentials callback once per network operation. libgit2 asks again only when the server
/// refused the answer, and it would replay a wrong token many times over (each one a request, and a step towards a
/// host's lockout); the second question therefore ends the operation at once. LibGit2Sharp catches what the
/// callback throws and fails the operation with it.
/// </summary>
internal sealed class CredentialGate(RemoteAddress remote)
{
    public int Questions { get; private set; }

    /// <summary>The server refused the credentials (or asked for some when none are configured).</summary>
    public bool Refused { get; private set; }

    /// <summary>Null when no credentials are configured: libgit2 then fails on the server's first 401.</summary>
    public CredentialsHandler? Handler => remote.HasCredentials ? Answer : null;

    private Credentials Answer(string url, string usernameFromUrl, SupportedCredentialTypes types)
    {
        Questions++;
        if (Questions > 1 || !types.HasFlag(SupportedCredentialTypes.UsernamePassword))
        {
            Refused = true;
            throw new CredentialsRefusedException();
        }
        return new UsernamePasswordCredentials { Username = remote.UserName, Password = remote.Password };
    }
}
