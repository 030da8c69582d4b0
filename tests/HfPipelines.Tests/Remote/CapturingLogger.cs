using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HfPipelines.Tests.Remote;

/// <summary>An <see cref="ILogger"/> that keeps every formatted message (and exception text) for assertions.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _messages.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}
