using LLama.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Whisper.net.Logger;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Where the log lines of llama.cpp (with ggml) and whisper.cpp go. Left alone, llama.cpp prints about 200 loader lines
/// on stderr for every model load; once a model or recognizer of this assembly is created, every native line goes to
/// the logger given to <see cref="Route"/> at <see cref="LogLevel.Debug"/>, or nowhere when none was given.
/// The native libraries keep one log callback per process, so this is process-wide state by necessity. Thread-safe.
/// </summary>
public static class NativeLog
{
    private static readonly Lock Gate = new();
    private static ILogger _logger = NullLogger.Instance;
    private static bool _installed;

    /// <summary>Sends every later native log line to <paramref name="logger"/> at Debug; null drops them (the default).</summary>
    /// <param name="logger">The logger, or null.</param>
    public static void Route(ILogger? logger)
    {
        Volatile.Write(ref _logger, logger ?? NullLogger.Instance);
        EnsureInstalled();
    }

    /// <summary>Installs the callbacks once (before a native model is loaded), so nothing reaches stderr directly.</summary>
    internal static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            NativeLogConfig.llama_log_set((level, message) => Write("llama.cpp", message));
            LogProvider.AddLogger((level, message) => Write("whisper.cpp", message));
            _installed = true;
        }
    }

    private static void Write(string source, string? message)
    {
        var logger = Volatile.Read(ref _logger);
        var text = message?.TrimEnd('\r', '\n');
        if (!string.IsNullOrWhiteSpace(text) && logger.IsEnabled(LogLevel.Debug))
        {
#pragma warning disable CA1848, CA2254 // one dynamic line per native message, only when Debug is on
            logger.LogDebug("{Source}: {Message}", source, text);
#pragma warning restore CA1848, CA2254
        }
    }
}
