using Microsoft.Extensions.Configuration;

namespace Portal.Serving.Options;

/// <summary>
/// Credentials for a private deploy repository, from SERVING_GIT_USER and SERVING_GIT_TOKEN. Read from the
/// environment (through configuration) and never from the command line, which other users of the machine can see.
/// </summary>
public sealed class GitCredentials(string user, string token)
{
    public const string UserKey = "SERVING_GIT_USER";
    public const string TokenKey = "SERVING_GIT_TOKEN";

    /// <summary>The user name GitHub documents for token access; any other host names its own.</summary>
    public const string DefaultUser = "x-access-token";

    public string User => user;

    public string Token => token;

    /// <summary>Null when no token is set: a public repository or a local path needs none.</summary>
    public static GitCredentials? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var token = configuration[TokenKey];
        if (string.IsNullOrEmpty(token))
            return null;
        var user = configuration[UserKey];
        return new GitCredentials(string.IsNullOrWhiteSpace(user) ? DefaultUser : user, token);
    }

    /// <summary>Whatever prints these (a log line, a debugger) shows the user only.</summary>
    public override string ToString() => $"{user} (token hidden)";
}
