using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Speech.Whisper;

/// <summary>
/// Collects, during one greedy generation, the decoder's <c>cross_attentions.N</c> outputs
/// ([batch 1, heads, positions, encoder frames]) of the alignment heads, row by decoder position.
/// </summary>
internal sealed class WhisperCrossAttentions(IReadOnlyList<(int Layer, int Head)> heads)
{
    private readonly List<float[]?>[] _rows = [.. heads.Select(_ => new List<float[]?>())];

    /// <summary>The output name of a decoder layer's cross attentions.</summary>
    public static string OutputName(int layer) => "cross_attentions." + layer.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keeps the alignment heads' rows of one decoder run.</summary>
    public void Observe(IReadOnlyCollection<NamedOnnxValue> outputs, int firstPosition)
    {
        for (var h = 0; h < heads.Count; h++)
        {
            var (layer, head) = heads[h];
            var name = OutputName(layer);
            var output = outputs.FirstOrDefault(o => o.Name == name)
                ?? throw new WhisperWordTimestampsException($"The decoder returned no '{name}' output. Use an export with cross-attention outputs (a *_timestamped repository).");
            var tensor = output.AsTensor<float>();
            var dims = tensor.Dimensions.ToArray();
            if (dims.Length != 4 || dims[0] != 1 || head >= dims[1])
            {
                throw new WhisperWordTimestampsException(
                    $"'{name}' has shape [{string.Join(", ", dims)}]; alignment head ({layer}, {head}) needs [1, heads > {head}, positions, frames]. Check alignment_heads in generation_config.json against the export.");
            }

            ReadOnlySpan<float> data = tensor is DenseTensor<float> dense ? dense.Buffer.Span : tensor.ToArray();
            var (positions, frames) = (dims[2], dims[3]);
            for (var p = 0; p < positions; p++)
            {
                Set(_rows[h], firstPosition + p, data.Slice(((head * positions) + p) * frames, frames).ToArray());
            }
        }
    }

    /// <summary>For each alignment head, the rows of the first <paramref name="positions"/> decoder positions over
    /// the first <paramref name="frames"/> encoder frames (fewer where the encoder has fewer).</summary>
    public double[][][] Weights(int positions, int frames)
    {
        var result = new double[heads.Count][][];
        for (var h = 0; h < heads.Count; h++)
        {
            result[h] = new double[positions][];
            for (var p = 0; p < positions; p++)
            {
                var row = p < _rows[h].Count ? _rows[h][p] : null;
                if (row is null)
                {
                    throw new InvalidOperationException($"No cross attentions were recorded for decoder position {p}.");
                }

                result[h][p] = [.. row.Take(Math.Min(frames, row.Length)).Select(v => (double)v)];
            }
        }

        return result;
    }

    private static void Set(List<float[]?> rows, int position, float[] row)
    {
        while (rows.Count <= position)
        {
            rows.Add(null);
        }

        rows[position] = row;
    }
}
