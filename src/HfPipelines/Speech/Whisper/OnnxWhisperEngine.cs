using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Speech.Whisper;

/// <summary>A Hugging Face Whisper ONNX export on ONNX Runtime; cross attentions come from the decoder's
/// <c>cross_attentions.N</c> outputs (the <c>*_timestamped</c> exports).</summary>
internal sealed class OnnxWhisperEngine : IWhisperEngine
{
    private const string Prefix = "cross_attentions.";
    private readonly OnnxSeq2SeqModel _model;

    public OnnxWhisperEngine(OnnxSeq2SeqModel model)
    {
        _model = model;
        var layers = 0;
        while (model.DecoderOutputs.Contains(CrossAttentionOutputName(layers)))
        {
            layers++;
        }

        CrossAttentionLayers = layers;
    }

    public int CrossAttentionLayers { get; }

    public string CrossAttentionHelp =>
        "Use an export made with attention outputs (the *_timestamped repositories, e.g. onnx-community/whisper-tiny.en_timestamped)";

    public string CrossAttentionOutputName(int layer) => Prefix + layer.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ISeq2SeqSession Start(float[] features, int[] dimensions, WhisperCrossAttentionObserver? observer) =>
        observer is null
            ? _model.StartWithFeatures(features, dimensions)
            : _model.StartWithFeatures(features, dimensions, (names, outputs, firstPosition) => Forward(names, outputs, firstPosition, observer));

    public ISeq2SeqSession Start(float[] features, int[] dimensions, int beams) => _model.StartWithFeatures(features, dimensions, beams);

    public void Dispose() => _model.Dispose();

    private void Forward(IReadOnlyList<string> names, IReadOnlyList<OrtValue> outputs, int firstPosition, WhisperCrossAttentionObserver observer)
    {
        for (var layer = 0; layer < CrossAttentionLayers; layer++)
        {
            var name = CrossAttentionOutputName(layer);
            var index = names.ToList().IndexOf(name);
            if (index < 0)
            {
                throw new WhisperWordTimestampsException($"The decoder returned no '{name}' output. {CrossAttentionHelp}.");
            }

            var dims = outputs[index].GetTensorTypeAndShape().Shape.Select(d => (int)d).ToArray();
            if (dims.Length != 4 || dims[0] != 1)
            {
                throw new WhisperWordTimestampsException(
                    $"'{name}' has shape [{string.Join(", ", dims)}]; word timestamps need [1, heads, positions, frames]. Use an export whose cross_attentions.N outputs have that shape.");
            }

            var data = outputs[index].GetTensorDataAsSpan<float>();
            observer(layer, data, dims[1], dims[2], dims[3], firstPosition);
        }
    }
}
