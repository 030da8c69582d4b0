using Microsoft.Extensions.Logging;

namespace HfPipelines.Cli;

/// <summary>The logger of <c>--verbose</c>: every message at Debug and above, one line each on the given writer (stderr),
/// prefixed <c>hfp: debug:</c>. Thread-safe (the writer is synchronized).</summary>
internal sealed class StderrLogger(TextWriter writer) : ILogger
{
    private readonly TextWriter _writer = TextWriter.Synchronized(writer);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            _writer.WriteLine($"hfp: {logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception).ReplaceLineEndings(" ")}");
        }
    }
}
