namespace Portal.Serving.Tests.Support;

/// <summary>
/// Shared by the serving tests: the tiny models, and one service that serves v1 and never changes, for tests that
/// only ask it things. Tests that publish versions start services of their own.
/// </summary>
public sealed class ServingFixture : IAsyncLifetime
{
    private readonly Lazy<Task<PullServer>> _steady;

    public ServingFixture() =>
        _steady = new(() => PullServer.StartAsync(remote => SteadyCommit = remote.Publish(1, Models.First)));

    public TinyModels Models { get; } = new();

    public string SteadyCommit { get; private set; } = "";

    /// <summary>Started on first use, once v1 is being served.</summary>
    internal async Task<ServingHost> SteadyAsync()
    {
        var server = await _steady.Value;
        await server.Host.WaitForVersionAsync(report => report.Version == 1, "the steady service to serve v1");
        return server.Host;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // A start that failed has cleaned up after itself.
        if (_steady.IsValueCreated && _steady.Value.IsCompletedSuccessfully)
            await _steady.Value.Result.DisposeAsync();
        Models.Dispose();
    }
}
