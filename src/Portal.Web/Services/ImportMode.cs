namespace Portal.Web.Services;

public enum ImportMode
{
    /// <summary>A file with any problem imports nothing: the writer fixes it and tries again.</summary>
    AllOrNothing,

    /// <summary>Import the items that are valid and report the rest.</summary>
    ValidOnly,
}
