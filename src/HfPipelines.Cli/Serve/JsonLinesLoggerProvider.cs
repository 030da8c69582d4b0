using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// Writes log entries as one JSON object per line (time, level, category, message and the structured fields) to a
/// text writer. Writes are serialized; the writer is borrowed.
/// </summary>
/// <param name="writer">Where lines go (standard error for <c>hfp serve</c>).</param>
/// <param name="timeProvider">The clock of the time stamps.</param>
internal sealed class JsonLinesLoggerProvider(TextWriter writer, TimeProvider timeProvider) : ILoggerProvider
{
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // The writer is borrowed.
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private sealed class Logger(JsonLinesLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new JsonObject
            {
                ["time"] = owner.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["level"] = logLevel.ToString(),
                ["category"] = category,
                ["message"] = formatter(state, exception),
            };
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach (var (key, value) in fields.Where(f => f.Key != "{OriginalFormat}"))
                {
                    entry[char.ToLowerInvariant(key[0]) + key[1..]] = Value(value);
                }
            }

            if (exception is not null)
            {
                entry["exception"] = exception.GetType().Name + ": " + exception.Message;
            }

            owner.Write(entry.ToJsonString(ServeResults.Json));
        }
    }

    private TimeProvider Clock => timeProvider;

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create(value.ToString()),
    };
}
