using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HfPipelines.Diagnostics;

/// <summary>
/// Where the log lines of the native libraries go: llama.cpp (with ggml), whisper.cpp and ONNX Runtime. Left alone they
/// print on stderr (llama.cpp about 200 loader lines per model load); once a backend of this library is created, every
/// native line goes to the logger given to <see cref="Route"/> at <see cref="LogLevel.Debug"/>, or nowhere when none
/// was given (the default). Native libraries keep one log callback per process, so this is process-wide state by
/// necessity. Thread-safe.
/// </summary>
public static class NativeLogging
{
    private static ILogger _logger = NullLogger.Instance;

    /// <summary>Sends every later native log line to <paramref name="logger"/> at Debug; null drops them (the default).</summary>
    /// <param name="logger">The logger, or null.</param>
    public static void Route(ILogger? logger) => Volatile.Write(ref _logger, logger ?? NullLogger.Instance);

    /// <summary>Logs one native line at Debug (backends call this from their native callbacks).</summary>
    /// <param name="source">The library (<c>llama.cpp</c>, <c>whisper.cpp</c>, <c>onnxruntime</c>).</param>
    /// <param name="message">The line; trailing newlines are dropped, blank lines ignored.</param>
    public static void Write(string source, string? message)
    {
        var logger = Volatile.Read(ref _logger);
        var text = message?.TrimEnd('\r', '\n');
        if (!string.IsNullOrWhiteSpace(text) && logger.IsEnabled(LogLevel.Debug))
        {
#pragma warning disable CA1848 // one dynamic line per native message, only when Debug is on
            logger.LogDebug("{Source}: {Message}", source, text);
#pragma warning restore CA1848
        }
    }
}
