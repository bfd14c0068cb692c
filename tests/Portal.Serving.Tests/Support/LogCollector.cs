using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Serving.Tests.Support;

/// <summary>Keeps the service's own log lines (Portal.* categories) so that tests can read what an operator would.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Collecting(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Collecting(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("Portal.", StringComparison.Ordinal) && logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
