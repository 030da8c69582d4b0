using HfPipelines.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Onnx;

/// <summary>
/// Creates ONNX Runtime's process-wide environment with a logging function that sends its lines (warnings and errors,
/// which it would print on stderr) to <see cref="NativeLogging"/>, before the first session. An environment created
/// earlier by someone else is left as it is. Thread-safe.
/// </summary>
internal static class OnnxNativeLog
{
    private static readonly Lock Gate = new();
    private static readonly DOrtLoggingFunction Callback = (_, _, category, _, _, message) => NativeLogging.Write("onnxruntime", $"{category}: {message}");

    /// <summary>Creates the environment with the logging function, once.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (OrtEnv.IsCreated)
            {
                return;
            }

            var options = new EnvironmentCreationOptions
            {
                logId = "hfp",
                logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
                loggingFunction = Callback,
            };
            OrtEnv.CreateInstanceWithOptions(ref options);
        }
    }
}
