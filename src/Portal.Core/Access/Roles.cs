namespace Portal.Core.Access;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Writer = "Writer";

    /// <summary>A training worker's token: may claim and report jobs, nothing else. Not a user role.</summary>
    public const string Worker = "Worker";

    public static readonly IReadOnlyList<string> All = [Admin, Writer];
}
