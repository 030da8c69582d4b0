using HfPipelines.Diagnostics;
using HfPipelines.Onnx;
using HfPipelines.Testing.OnnxBuilder;
using Microsoft.Extensions.Logging;

namespace HfPipelines.Tests.Diagnostics;

/// <summary>ONNX Runtime's warnings go to the routed logger at Debug, not to stderr.</summary>
[Collection(nameof(NativeLoggingTests))]
public sealed class NativeLoggingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-native-log-").FullName;

    [Fact]
    public void Load_GraphWithUnusedInitializer_OnnxRuntimeWarningReachesRoutedLogger()
    {
        var logger = new ListLogger();
        var path = Path.Combine(_dir, "model.onnx");
        new OnnxGraphBuilder()
            .Input("x", OnnxGraphBuilder.Float, 2)
            .FloatTensor("unused_weight", [1f, 2f], 2)
            .Node("Identity", ["x"], ["y"])
            .Output("y", OnnxGraphBuilder.Float, 2)
            .Save(path);

        NativeLogging.Route(logger);
        try
        {
            using var model = OnnxModel.Load(path);
        }
        finally
        {
            NativeLogging.Route(null);
        }

        Assert.Contains(logger.Lines, l => l.StartsWith("Debug onnxruntime: ", StringComparison.Ordinal) && l.Contains("unused_weight", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class ListLogger : ILogger
    {
        private readonly Lock _lock = new();

        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lock)
            {
                Lines.Add($"{logLevel} {formatter(state, exception)}");
            }
        }
    }
}
