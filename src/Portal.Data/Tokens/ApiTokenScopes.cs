namespace Portal.Data.Tokens;

/// <summary>What a token may do.</summary>
public static class ApiTokenScopes
{
    /// <summary>Stands for its owner with the owner's roles: scripts and CI.</summary>
    public const string Api = "api";

    /// <summary>A training worker on another machine: claims and reports jobs, nothing else, whoever created it.</summary>
    public const string Worker = "worker";
}
