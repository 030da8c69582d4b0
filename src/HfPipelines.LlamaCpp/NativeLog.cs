using HfPipelines.Diagnostics;
using LLama.Native;
using Whisper.net.Logger;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Installs the log callbacks of llama.cpp (with ggml) and whisper.cpp once, before a native model is loaded, so that
/// their lines go to <see cref="NativeLogging"/> (a logger at Debug, or nowhere) instead of stderr. Thread-safe.
/// </summary>
internal static class NativeLog
{
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the callbacks, once.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            NativeLogConfig.llama_log_set((_, message) => NativeLogging.Write("llama.cpp", message));
            LogProvider.AddLogger((_, message) => NativeLogging.Write("whisper.cpp", message));
            _installed = true;
        }
    }
}
