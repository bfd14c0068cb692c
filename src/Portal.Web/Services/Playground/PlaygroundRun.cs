namespace Portal.Web.Services.Playground;

/// <summary>
/// A run that passed every check and is generating: the seed every model uses, the models in the order asked, and
/// the finished run once every model is done (it never fails because of one model: that output carries the error).
/// </summary>
public sealed record PlaygroundRun(long Seed, IReadOnlyList<PlaygroundModel> Models, Task<PlaygroundRunResult> Completion);
