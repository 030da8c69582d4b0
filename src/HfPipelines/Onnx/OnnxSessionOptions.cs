using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Onnx;

/// <summary>How an ONNX Runtime session is created. Defaults suit a CPU server: ONNX Runtime's own thread
/// counts, all graph optimisations, the CPU execution provider.</summary>
public sealed class OnnxSessionOptions
{
    private int _intraOpThreads;
    private int _interOpThreads;
    private string _executionProvider = "cpu";

    /// <summary>Threads used inside one operator; 0 (default) lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads
    {
        get => _intraOpThreads;
        set => _intraOpThreads = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "IntraOpThreads must be 0 (ONNX Runtime's default) or more.");
    }

    /// <summary>Threads used to run independent operators in parallel; 0 (default) lets ONNX Runtime choose.</summary>
    public int InterOpThreads
    {
        get => _interOpThreads;
        set => _interOpThreads = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "InterOpThreads must be 0 (ONNX Runtime's default) or more.");
    }

    /// <summary>Graph optimisation level. Default <see cref="GraphOptimizationLevel.ORT_ENABLE_ALL"/>.</summary>
    public GraphOptimizationLevel GraphOptimization { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>The execution provider: <c>cpu</c> (default), <c>cuda</c>, or another name ONNX Runtime accepts
    /// (e.g. <c>XNNPACK</c>, <c>QNN</c>); the provider's native package must be installed.</summary>
    public string ExecutionProvider
    {
        get => _executionProvider;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _executionProvider = value;
        }
    }
}
