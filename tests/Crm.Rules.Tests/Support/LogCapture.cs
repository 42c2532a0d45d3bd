using Microsoft.Extensions.Logging;

namespace Crm.Rules.Tests.Support;

/// <summary>Captures what the rule-set monitor logs, for tests that assert on it.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly List<(LogLevel Level, int EventId, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<(LogLevel Level, int EventId, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => categoryName == typeof(CrmRuleSetMonitor).FullName ? new Logger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries)
            {
                owner._entries.Add((logLevel, eventId.Id, formatter(state, exception), exception));
            }
        }
    }
}
