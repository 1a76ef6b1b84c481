using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Zim.Testing;

/// <summary>Every log entry the server writes: its text and its structured fields.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<CapturedEntry> Entries { get; } = new();

    /// <summary>What the server's failure log wrote: one entry per cause per minute, however many calls failed.</summary>
    public IReadOnlyList<CapturedEntry> Failures() =>
        Entries.Where(e => e.Level == LogLevel.Error && e.Category.EndsWith(".FailureLog", StringComparison.Ordinal)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            sink.Entries.Enqueue(new CapturedEntry(category, logLevel, formatter(state, exception), exception,
                fields.ToDictionary(f => f.Key, f => f.Value)));
        }
    }
}

public sealed record CapturedEntry(string Category, LogLevel Level, string Text, Exception? Exception, IReadOnlyDictionary<string, object?> Fields);
