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

    /// <summary>Whether ONNX Runtime's intra-op threads spin while waiting for work. Default true (ONNX Runtime's own
    /// default): on an idle machine spinning saves the wake-up of a thread at each operator (single short inputs run up to
    /// a fifth faster). Set false on a machine shared with other busy processes, where spinning threads take cores from
    /// the thread that has work (there runs were 1.3 to 2.4 times faster without spinning).</summary>
    public bool AllowSpinning { get; set; } = true;

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
