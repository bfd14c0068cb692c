using LibGit2Sharp;

namespace Portal.GitOps.Remote;

/// <summary>Turns what libgit2 reports into a sentence a writer or an administrator can act on, with no secret in it.</summary>
internal sealed class PushFailures(RemoteAddress remote, SecretScrubber scrubber)
{
    public string Describe(LibGit2SharpException exception, CredentialGate gate, string action) => Problem(exception, gate, action).Message;

    /// <summary>The sentence, and whether trying again later can help (a network failure) or a person must act (credentials, a wrong URL).</summary>
    public DeployProblem Problem(LibGit2SharpException exception, CredentialGate gate, string action)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(gate);
        var message = scrubber.Scrub(exception.Message).Trim().TrimEnd('.');
        if (gate.Refused || exception.InnerException is CredentialsRefusedException || Mentions(message, "401", "authentication", "credentials"))
        {
            return NeedsPerson(remote.HasCredentials
                ? $"Authentication failed at {remote.Url}: check the deploy token."
                : $"Authentication failed at {remote.Url}: the remote asks for credentials; set a deploy token.");
        }
        if (Mentions(message, "403"))
            return NeedsPerson($"The remote at {remote.Url} refused access (403): check that the deploy token may push to it.");
        if (Mentions(message, "404", "not found", "not appear to be a git repository", "could not find repository"))
            return NeedsPerson($"There is no repository at {remote.Url} ({message}).");
        if (Mentions(message, "failed to connect", "could not connect", "connection refused", "failed to resolve", "timed out", "timeout", "network"))
            return RetryLater($"Could not reach {remote.Url}: {message}.");
        return RetryLater($"{action} {remote.Url} failed: {message}.");
    }

    public string Rejected(IEnumerable<PushStatusError> errors) =>
        $"The remote at {remote.Url} refused the push: {string.Join("; ", errors.Select(e => $"{e.Reference}: {scrubber.Scrub(e.Message)}"))}.";

    private static DeployProblem NeedsPerson(string message) => new(DeployProblemKind.NeedsPerson, message);

    private static DeployProblem RetryLater(string message) => new(DeployProblemKind.RetryLater, message);

    private static bool Mentions(string message, params string[] words) =>
        words.Any(word => message.Contains(word, StringComparison.OrdinalIgnoreCase));
}
