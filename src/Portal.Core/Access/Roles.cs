namespace Portal.Core.Access;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Writer = "Writer";

    public static readonly IReadOnlyList<string> All = [Admin, Writer];
}
