using HfPipelines.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Images;

/// <summary>
/// An image model on the library's ONNX Runtime session owner (<see cref="OnnxSession"/>): one NCHW float input, one
/// [N, classes] output. <see cref="Run"/> is safe to call from several threads; disposing lets runs in progress finish.
/// </summary>
internal sealed class OnnxImageModel : IDisposable
{
    private readonly OnnxSession _session;
    private readonly string _inputName;
    private readonly string _outputName;

    /// <summary>Loads the model.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="options">Session settings (threads, graph optimisation, execution provider).</param>
    /// <param name="spinning">
    /// Whether ONNX Runtime's idle pool threads spin (its default) rather than sleep. False by default: the image pipeline
    /// decodes images on the thread pool while the model runs, and spinning threads take the cores decoding needs
    /// (on 2 busy cores: 19 against 12 ms of process CPU per image end to end; see docs/performance.md).
    /// </param>
    /// <exception cref="ModelLoadException">The file is missing or ONNX Runtime refuses it.</exception>
    public OnnxImageModel(string path, OnnxSessionOptions options, bool spinning = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"ONNX model '{path}' does not exist. Pass a folder with model.onnx (or onnx/model.onnx) or the .onnx file.");
        }

        var sessionOptions = OnnxModel.CreateSessionOptions(options);
        if (!spinning)
        {
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        }

        _session = OnnxSession.Open(path, sessionOptions, ownsOptions: true);

        var input = _session.InputMetadata.First();
        _inputName = input.Key;
        _outputName = _session.OutputMetadata.First().Key;
        var dims = input.Value.Dimensions;
        if (dims.Length == 4)
        {
            InputHeight = dims[2] > 0 ? dims[2] : 0;
            InputWidth = dims[3] > 0 ? dims[3] : 0;
        }
    }

    /// <summary>The fixed input height the model declares, or 0 when dynamic.</summary>
    public int InputHeight { get; }

    /// <summary>The fixed input width the model declares, or 0 when dynamic.</summary>
    public int InputWidth { get; }

    /// <summary>Runs a batch.</summary>
    /// <param name="pixels">NCHW data of the whole batch.</param>
    /// <param name="batch">N.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <returns>The logits, row-major [N, classes], and the class count.</returns>
    public (float[] Logits, int Classes) Run(float[] pixels, int batch, int height, int width)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [batch, 3, height, width]);
        try
        {
            using var outputs = _session.Run(null, [_inputName], [input], [_outputName]);
            var output = outputs[0];
            var shape = output.GetTensorTypeAndShape().Shape;
            var classes = (int)shape[^1];
            return (output.GetTensorDataAsSpan<float>().ToArray(), classes);
        }
        catch (InferenceException ex)
        {
            throw new InferenceException(
                $"{ex.Message} (the image model ran on a [{batch}, 3, {height}, {width}] tensor: check that the preprocessing, size / crop_size in preprocessor_config.json, matches the model's input).", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
