using System.Text.Json.Nodes;
using HfPipelines.Safetensors;
using HfPipelines.Testing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HfPipelines.Tests.Safetensors;

/// <summary>
/// The safetensors oracle set (<c>pyoracle-safetensors/</c>): checkpoints saved by transformers 5.17 with the outputs
/// transformers computed, and helpers to build our graph of a checkpoint and run it with ONNX Runtime.
/// </summary>
internal static class SafetensorsOracle
{
    public const string Expected = "pyoracle-safetensors/expected.json";

    private static readonly Lazy<JsonObject?> s_cases = new(() => TestFixtures.Exists(Expected)
        ? JsonNode.Parse(File.ReadAllText(TestFixtures.PathOf(Expected)))!["cases"]!.AsObject()
        : null);

    /// <summary>The case of one checkpoint, or null when the fixture is absent.</summary>
    public static JsonObject? Case(string name) => s_cases.Value?[name]?.AsObject();

    /// <summary>A checkpoint folder.</summary>
    public static string Folder(string name) => TestFixtures.PathOf(Path.Combine("pyoracle-safetensors", name));

    /// <summary>The base checkpoints with hidden states in expected.json.</summary>
    public static IEnumerable<object[]> BaseModels() =>
        new[] { "bert-safetensors", "roberta-safetensors", "distilbert-safetensors" }.Select(name => new object[] { name });

    /// <summary>Builds a checkpoint into <paramref name="directory"/>/model.onnx and returns the path.</summary>
    public static string Build(string folder, EncoderHead head, string directory, string file = "model.onnx")
    {
        var output = Path.Combine(directory, file);
        EncoderGraphBuilder.Build(folder, head, output);
        return output;
    }

    /// <summary>Runs a built graph on a padded batch (mask = id != pad, token types 0) and returns its outputs by name.</summary>
    public static Dictionary<string, (float[] Values, int[] Dims)> Run(string model, long[][] ids, long pad)
    {
        using var session = new InferenceSession(model);
        var batch = ids.Length;
        var length = ids[0].Length;
        var flat = ids.SelectMany(row => row).ToArray();
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(flat, [batch, length])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(flat.Select(id => id == pad ? 0L : 1L).ToArray(), [batch, length])),
        };
        if (session.InputMetadata.ContainsKey("token_type_ids"))
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[flat.Length], [batch, length])));
        }

        using var results = session.Run(inputs);
        return results.ToDictionary(r => r.Name, r =>
        {
            var tensor = r.AsTensor<float>();
            return (tensor.ToArray(), tensor.Dimensions.ToArray());
        });
    }

    /// <summary>A JSON array of arrays of integers as rows.</summary>
    public static long[][] Ids(JsonNode node) => [.. node.AsArray().Select(row => row!.AsArray().Select(v => (long)v!).ToArray())];

    /// <summary>A nested JSON array of numbers, flattened.</summary>
    public static float[] Flat(JsonNode node) => node is JsonArray array ? [.. array.SelectMany(x => Flat(x!))] : [(float)node];

    /// <summary>The largest absolute difference of two equally long vectors.</summary>
    public static double MaxDifference(IReadOnlyList<float> want, IReadOnlyList<float> got)
    {
        Assert.Equal(want.Count, got.Count);
        return want.Select((w, i) => (double)Math.Abs(w - got[i])).DefaultIfEmpty(0).Max();
    }
}
