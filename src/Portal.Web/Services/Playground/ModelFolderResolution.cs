namespace Portal.Web.Services.Playground;

/// <summary>Where a model of a run is loaded from, or why its files could not be found (that model then reports the error).</summary>
internal sealed record ModelFolderResolution(PlaygroundModel Model, string? Folder, string? Error);
