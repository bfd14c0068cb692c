namespace Portal.Serving.Options;

/// <summary>--model: one checkout of the deploy repository, verified and served until the process stops.</summary>
public sealed record FolderSource(string Folder) : ServingSource;
