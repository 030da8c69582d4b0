namespace HfPipelines.Tests.Safetensors;

/// <summary>
/// A straightforward managed forward pass of a BERT-style encoder and its heads (one unpadded sequence, loops over
/// arrays): the reference the built graph is compared with where no Python output exists (activations, the
/// RoBERTa and DistilBERT heads).
/// </summary>
internal sealed class ManagedEncoder(Dictionary<string, (long[] Shape, float[] Values)> state, int heads, string activation, float eps = 1e-12f)
{
    public float[][] Bert(long[] ids, int layers)
    {
        var x = ids.Select((id, t) => Row("embeddings.word_embeddings.weight", id).Zip(Row("embeddings.position_embeddings.weight", t), (a, b) => a + b)
            .Zip(Row("embeddings.token_type_embeddings.weight", 0), (a, b) => a + b).ToArray()).ToArray();
        x = LayerNorm(x, "embeddings.LayerNorm");
        for (var l = 0; l < layers; l++)
        {
            var p = $"encoder.layer.{l}.";
            var self = p + "attention.self.";
            var attended = LayerNorm(Add(Linear(Attention(x, self + "query", self + "key", self + "value", null), p + "attention.output.dense"), x), p + "attention.output.LayerNorm");
            var inner = Linear(attended, p + "intermediate.dense").Select(r => r.Select(v => Activate(v, activation)).ToArray()).ToArray();
            x = LayerNorm(Add(Linear(inner, p + "output.dense"), attended), p + "output.LayerNorm");
        }

        return x;
    }

    /// <summary>MPNet: positions from the padding index 1 (no padding here: 2, 3, ...), no token types, and the relative
    /// position bias (transformers' relative_position_bucket, 32 buckets, distance 128) in every layer.</summary>
    public float[][] Mpnet(long[] ids, int layers)
    {
        var x = ids.Select((id, t) => Row("embeddings.word_embeddings.weight", id).Zip(Row("embeddings.position_embeddings.weight", t + 2), (a, b) => a + b).ToArray()).ToArray();
        x = LayerNorm(x, "embeddings.LayerNorm");
        var (_, table) = state["encoder.relative_attention_bias.weight"];
        var bias = new Func<int, int, int, float>((h, i, j) => table[(Bucket(i - j) * heads) + h]);
        for (var l = 0; l < layers; l++)
        {
            var p = $"encoder.layer.{l}.";
            var attn = p + "attention.attn.";
            var attended = LayerNorm(Add(Linear(Attention(x, attn + "q", attn + "k", attn + "v", bias), attn + "o"), x), p + "attention.LayerNorm");
            var inner = Linear(attended, p + "intermediate.dense").Select(r => r.Select(v => Activate(v, activation)).ToArray()).ToArray();
            x = LayerNorm(Add(Linear(inner, p + "output.dense"), attended), p + "output.LayerNorm");
        }

        return x;
    }

    /// <summary>transformers' relative_position_bucket of n = query - key (32 buckets, max distance 128).</summary>
    public static int Bucket(int n)
    {
        var result = n < 0 ? 16 : 0;
        n = Math.Abs(n);
        return result + (n < 8 ? n : Math.Min(15, 8 + (int)(MathF.Log(n / 8f) / MathF.Log(16f) * 8f)));
    }

    /// <summary>linear(name) of each row.</summary>
    public float[][] Linear(float[][] x, string name)
    {
        var (shape, w) = state[name + ".weight"];
        var b = state[name + ".bias"].Values;
        int outSize = (int)shape[0], inSize = (int)shape[1];
        return [.. x.Select(row => Enumerable.Range(0, outSize).Select(o => b[o] + Enumerable.Range(0, inSize).Sum(i => row[i] * w[(o * inSize) + i])).ToArray())];
    }

    /// <summary>Logits against a tied table (rows · each row of <paramref name="table"/>) plus a bias.</summary>
    public float[][] Tied(float[][] x, string table, string bias)
    {
        var (shape, w) = state[table];
        var b = state[bias].Values;
        int rows = (int)shape[0], size = (int)shape[1];
        return [.. x.Select(row => Enumerable.Range(0, rows).Select(o => b[o] + Enumerable.Range(0, size).Sum(i => row[i] * w[(o * size) + i])).ToArray())];
    }

    public float[][] LayerNorm(float[][] x, string name, float? epsilon = null)
    {
        var (gamma, beta) = (state[name + ".weight"].Values, state[name + ".bias"].Values);
        return [.. x.Select(row =>
        {
            var mean = row.Average();
            var variance = row.Select(v => (v - mean) * (v - mean)).Average();
            return row.Select((v, i) => (float)(((v - mean) / Math.Sqrt(variance + (epsilon ?? eps)) * gamma[i]) + beta[i])).ToArray();
        })];
    }

    public static float Activate(float v, string activation) => activation switch
    {
        "gelu" => (float)(0.5 * v * (1 + Erf(v / Math.Sqrt(2)))),
        "gelu_new" or "gelu_pytorch_tanh" => (float)(0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + (0.044715 * v * v * v))))),
        "relu" => Math.Max(0, v),
        "silu" => (float)(v / (1 + Math.Exp(-v))),
        "tanh" => MathF.Tanh(v),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private float[][] Attention(float[][] x, string query, string key, string value, Func<int, int, int, float>? bias)
    {
        var (q, k, v) = (Linear(x, query), Linear(x, key), Linear(x, value));
        var size = q[0].Length / heads;
        var context = x.Select(_ => new float[q[0].Length]).ToArray();
        for (var h = 0; h < heads; h++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                var scores = Enumerable.Range(0, x.Length).Select(j => (Enumerable.Range(h * size, size).Sum(d => q[i][d] * k[j][d]) / Math.Sqrt(size)) + (bias?.Invoke(h, i, j) ?? 0)).ToArray();
                var weights = scores.Select(s => Math.Exp(s - scores.Max())).ToArray();
                for (var d = h * size; d < (h + 1) * size; d++)
                {
                    context[i][d] = (float)(Enumerable.Range(0, x.Length).Sum(j => weights[j] * v[j][d]) / weights.Sum());
                }
            }
        }

        return context;
    }

    private float[] Row(string name, long index)
    {
        var (shape, values) = state[name];
        return values.AsSpan((int)(index * shape[1]), (int)shape[1]).ToArray();
    }

    private static float[][] Add(float[][] a, float[][] b) => [.. a.Select((row, i) => row.Zip(b[i], (x, y) => x + y).ToArray())];

    /// <summary>erf by Abramowitz and Stegun 7.1.26 (error under 1.5e-7).</summary>
    private static double Erf(double x)
    {
        var t = 1 / (1 + (0.3275911 * Math.Abs(x)));
        var poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        var y = 1 - (poly * Math.Exp(-x * x));
        return Math.Sign(x) * y;
    }
}
