using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Onnx;

/// <summary>
/// The one owner of an ONNX Runtime <see cref="InferenceSession"/> in the library (encoders, image models, the
/// encoder-decoder and Whisper graphs). Opening checks the file in managed code first and turns the runtime's refusal
/// into a <see cref="ModelLoadException"/>; a run that fails is an <see cref="InferenceException"/> naming the file.
/// Thread-safe: runs may overlap. <see cref="Dispose"/> lets the runs in progress finish, then releases the session;
/// later runs throw <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class OnnxSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions? _ownedOptions;
    private readonly Lock _gate = new();
    private int _active;
    private bool _disposeRequested;
    private bool _sessionDisposed;

    private OnnxSession(string path, InferenceSession session, SessionOptions? ownedOptions)
    {
        Path = path;
        _session = session;
        _ownedOptions = ownedOptions;
    }

    /// <summary>The ONNX file.</summary>
    public string Path { get; }

    /// <summary>The graph's inputs by name.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> InputMetadata => _session.InputMetadata;

    /// <summary>The graph's outputs by name.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> OutputMetadata => _session.OutputMetadata;

    /// <summary>The graph's input names, in graph order.</summary>
    public IReadOnlyList<string> InputNames => _session.InputNames;

    /// <summary>The graph's output names, in graph order.</summary>
    public IReadOnlyList<string> OutputNames => _session.OutputNames;

    /// <summary>Opens an ONNX file.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="options">Session options; null for ONNX Runtime's defaults.</param>
    /// <param name="ownsOptions">True to dispose <paramref name="options"/> with the session (also when opening fails).</param>
    /// <returns>The session; the caller owns it.</returns>
    /// <exception cref="ModelLoadException">The file is missing, too small to be a model, or refused by ONNX Runtime.</exception>
    public static OnnxSession Open(string path, SessionOptions? options, bool ownsOptions = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length < 16)
            {
                throw new ModelLoadException(info.Exists
                    ? $"'{path}' is too small to be an ONNX model (a Git LFS pointer or a cut download?). Download the model again (hfp models pull)."
                    : $"ONNX model file '{path}' does not exist. Give the path of a .onnx file (Hugging Face exports keep it in onnx/model.onnx).");
            }

            OnnxNativeLog.EnsureInstalled();
            var session = options is null ? new InferenceSession(path) : new InferenceSession(path, options);
            return new OnnxSession(path, session, ownsOptions ? options : null);
        }
        catch (OnnxRuntimeException ex)
        {
            DisposeOptions();
            throw new ModelLoadException($"ONNX Runtime could not load '{path}': {ex.Message} Check that the file is a complete ONNX model (not a Git LFS pointer) exported with opset 11 or later; download it again.", ex);
        }
        catch
        {
            DisposeOptions();
            throw;
        }

        void DisposeOptions()
        {
            if (ownsOptions)
            {
                options?.Dispose();
            }
        }
    }

    /// <summary>Runs the graph; the caller disposes the outputs (they stay valid after the session is disposed).</summary>
    /// <param name="runOptions">Run options; null for the defaults.</param>
    /// <param name="inputNames">The input names.</param>
    /// <param name="inputs">The inputs, in the order of <paramref name="inputNames"/>.</param>
    /// <param name="outputNames">The outputs to fetch.</param>
    /// <returns>The outputs, in the order of <paramref name="outputNames"/>.</returns>
    /// <exception cref="InferenceException">ONNX Runtime refused the inputs or failed in the graph.</exception>
    public IDisposableReadOnlyCollection<OrtValue> Run(RunOptions? runOptions, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, IReadOnlyCollection<string> outputNames)
    {
        Enter();
        try
        {
            return RunCore(runOptions, inputNames, inputs, outputNames);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Runs the graph and hands the outputs to <paramref name="read"/> while they are alive (read in place, no
    /// copy of the whole output); they are freed when it returns.</summary>
    /// <typeparam name="TState">What <paramref name="read"/> needs.</typeparam>
    /// <typeparam name="TResult">What it returns.</typeparam>
    /// <param name="inputNames">The input names.</param>
    /// <param name="inputs">The inputs (owned by the caller).</param>
    /// <param name="outputNames">The outputs to fetch.</param>
    /// <param name="state">Passed to <paramref name="read"/>.</param>
    /// <param name="read">Reads the outputs, in the order of <paramref name="outputNames"/>.</param>
    /// <returns>What <paramref name="read"/> returns.</returns>
    /// <exception cref="InferenceException">ONNX Runtime refused the inputs or failed in the graph.</exception>
    public TResult Run<TState, TResult>(string[] inputNames, OrtValue[] inputs, string[] outputNames, TState state, Func<TState, IReadOnlyList<OrtValue>, TResult> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Enter();
        try
        {
            using var results = RunCore(null, inputNames, inputs, outputNames);
            return read(state, results);
        }
        finally
        {
            Exit();
        }
    }

    private IDisposableReadOnlyCollection<OrtValue> RunCore(RunOptions? runOptions, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, IReadOnlyCollection<string> outputNames)
    {
        try
        {
            if (runOptions is not null)
            {
                return _session.Run(runOptions, inputNames, inputs, outputNames);
            }

            using var defaults = new RunOptions();
            return _session.Run(defaults, inputNames, inputs, outputNames);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InferenceException($"ONNX Runtime failed to run '{Path}': {ex.Message}", ex);
        }
    }

    /// <summary>Releases the session once the runs in progress have finished.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposeRequested)
            {
                return;
            }

            _disposeRequested = true;
            DisposeSessionIfIdle();
        }
    }

    private void Enter()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposeRequested, this);
            _active++;
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            _active--;
            DisposeSessionIfIdle();
        }
    }

    private void DisposeSessionIfIdle()
    {
        if (_disposeRequested && _active == 0 && !_sessionDisposed)
        {
            _sessionDisposed = true;
            _session.Dispose();
            _ownedOptions?.Dispose();
        }
    }
}
