using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Onnx;

/// <summary>
/// One loaded ONNX model: exactly one ONNX Runtime session (<see cref="OnnxSession"/>), shared by every caller.
/// Thread-safe: runs may overlap. <see cref="Dispose"/> unloads the model; runs already in progress finish first and
/// later runs throw <see cref="ObjectDisposedException"/>. A failed run is an <see cref="InferenceException"/>.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly OnnxSession _session;

    private OnnxModel(string path, OnnxSession session)
    {
        Path = path;
        _session = session;
        Inputs = session.InputMetadata.ToDictionary(p => p.Key, p => new OnnxTensorInfo(p.Key, p.Value.ElementDataType.ToString(), p.Value.Dimensions));
        Outputs = session.OutputMetadata.ToDictionary(p => p.Key, p => new OnnxTensorInfo(p.Key, p.Value.ElementDataType.ToString(), p.Value.Dimensions));
        InputNames = [.. session.InputNames];
        OutputNames = [.. session.OutputNames];
    }

    /// <summary>The ONNX file.</summary>
    public string Path { get; }

    /// <summary>The graph's inputs, in graph order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The graph's outputs, in graph order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Element type and dimensions of each input (-1 for a symbolic dimension).</summary>
    public IReadOnlyDictionary<string, OnnxTensorInfo> Inputs { get; }

    /// <summary>Element type and dimensions of each output (-1 for a symbolic dimension).</summary>
    public IReadOnlyDictionary<string, OnnxTensorInfo> Outputs { get; }

    /// <summary>True when the graph has an input of this name (e.g. <c>token_type_ids</c>).</summary>
    /// <param name="name">The input name.</param>
    /// <returns>Whether it exists.</returns>
    public bool HasInput(string name) => Inputs.ContainsKey(name);

    /// <summary>Loads an ONNX file. The file is checked in managed code first for a clearer message.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="options">Session options, or null for the defaults.</param>
    /// <returns>The model; the caller owns it.</returns>
    /// <exception cref="ModelLoadException">The file is missing or ONNX Runtime refused it.</exception>
    public static OnnxModel Load(string path, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new OnnxSessionOptions();
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"ONNX model file '{path}' does not exist. Give the path of a .onnx file (Hugging Face exports keep it in onnx/model.onnx).");
        }

        return new OnnxModel(path, OnnxSession.Open(path, CreateSessionOptions(options), ownsOptions: true));
    }

    /// <summary>Runs the graph on int64 inputs of shape [batch, sequence] and copies the asked outputs out.</summary>
    /// <param name="inputs">Input name to row-major data.</param>
    /// <param name="batch">The batch size.</param>
    /// <param name="sequence">The padded sequence length.</param>
    /// <param name="outputNames">The outputs to fetch.</param>
    /// <returns>Each output's data and shape, in the order asked.</returns>
    internal (float[] Data, long[] Shape)[] Run(IReadOnlyList<(string Name, long[] Data)> inputs, int batch, int sequence, IReadOnlyList<string> outputNames)
    {
        long[] shape = [batch, sequence];
        var names = new string[inputs.Count];
        var values = new OrtValue[inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                names[i] = inputs[i].Name;
                values[i] = OrtValue.CreateTensorValueFromMemory(inputs[i].Data, shape);
            }

            return Run(names, values, [.. outputNames], 0, static (_, results) =>
            {
                var copies = new (float[] Data, long[] Shape)[results.Count];
                for (var i = 0; i < copies.Length; i++)
                {
                    copies[i] = (results[i].GetTensorDataAsSpan<float>().ToArray(), results[i].GetTensorTypeAndShape().Shape);
                }

                return copies;
            });
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    /// <summary>Runs the graph and hands the outputs to <paramref name="read"/> while they are alive: the caller reads
    /// them in place (no copy of the whole output), and they are freed when <paramref name="read"/> returns.</summary>
    /// <param name="inputNames">The input names, in the order of <paramref name="inputs"/>.</param>
    /// <param name="inputs">The input tensors (owned by the caller).</param>
    /// <param name="outputNames">The outputs to fetch.</param>
    /// <param name="state">Passed to <paramref name="read"/>.</param>
    /// <param name="read">Reads the outputs, in the order of <paramref name="outputNames"/>.</param>
    /// <returns>What <paramref name="read"/> returns.</returns>
    internal TResult Run<TState, TResult>(string[] inputNames, OrtValue[] inputs, string[] outputNames, TState state, Func<TState, IReadOnlyList<OrtValue>, TResult> read) =>
        _session.Run(inputNames, inputs, outputNames, state, read);

    /// <summary>Unloads the model (after runs in progress finish).</summary>
    public void Dispose() => _session.Dispose();

    /// <summary>ONNX Runtime session options from ours (threads, optimisation, execution provider); shared by every
    /// ONNX session of the library. The caller disposes them.</summary>
    internal static SessionOptions CreateSessionOptions(OnnxSessionOptions options)
    {
        OnnxNativeLog.EnsureInstalled();
        var sessionOptions = new SessionOptions { GraphOptimizationLevel = options.GraphOptimization };
        try
        {
            if (options.IntraOpThreads > 0)
            {
                sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
            }

            if (options.InterOpThreads > 0)
            {
                sessionOptions.InterOpNumThreads = options.InterOpThreads;
            }

            if (!options.AllowSpinning)
            {
                sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
                sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
            }

            AppendProvider(sessionOptions, options.ExecutionProvider);
            return sessionOptions;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            sessionOptions.Dispose();
            throw new ModelLoadException($"Execution provider '{options.ExecutionProvider}' is not available: {ex.Message} Install the ONNX Runtime package that ships it, or use 'cpu'.", ex);
        }
    }

    private static void AppendProvider(SessionOptions sessionOptions, string provider)
    {
        if (provider.Equals("cpu", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (provider.Equals("cuda", StringComparison.OrdinalIgnoreCase))
        {
            sessionOptions.AppendExecutionProvider_CUDA(0);
            return;
        }

        sessionOptions.AppendExecutionProvider(provider, new Dictionary<string, string>());
    }
}
