using HfPipelines.Safetensors;
using HfPipelines.Safetensors.Onnx;
using HfPipelines.Testing;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace HfPipelines.Tests.Safetensors;

/// <summary>
/// ONNX Runtime's graph optimizations on our built BERT against the same on the optimum-style export of the same
/// architecture (pyoracle/text-classification, hidden 16, 2 layers): the optimized graphs are dumped
/// (SessionOptions.OptimizedModelFilePath) and their fused operators counted.
/// </summary>
public sealed class EncoderGraphFusionTests(ITestOutputHelper output) : IDisposable
{
    private const string Export = "pyoracle/text-classification/onnx/model.onnx";
    private const string Checkpoint = "pyoracle-safetensors/bert-safetensors-classifier";
    private static readonly string[] s_fused = ["LayerNormalization", "SkipLayerNormalization", "EmbedLayerNormalization", "Gelu", "BiasGelu", "FastGelu", "Attention", "MultiHeadAttention"];
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-fusion-").FullName;

    [FixtureFact(Export, Checkpoint)]
    public void OptimizedGraph_BuiltBert_HasTheFusedOperatorsOfTheExport()
    {
        var built = SafetensorsOracle.Build(TestFixtures.PathOf(Checkpoint), EncoderHead.SequenceClassification, _dir);

        var ours = Histogram(Optimize(built, "ours.onnx"));
        var theirs = Histogram(Optimize(TestFixtures.PathOf(Export), "export.onnx"));

        output.WriteLine($"ours:   {Describe(ours)}");
        output.WriteLine($"export: {Describe(theirs)}");
        foreach (var op in s_fused.Where(theirs.ContainsKey))
        {
            Assert.True(ours.GetValueOrDefault(op) >= theirs[op], $"the export has {theirs[op]} {op} after optimization, ours {ours.GetValueOrDefault(op)}; ours: {Describe(ours)}");
        }

        // Beyond the export: the attention of both layers is one fused Attention node each.
        Assert.Equal(2, ours.GetValueOrDefault("Attention"));
        Assert.Equal(5, ours.GetValueOrDefault("SkipLayerNormalization") + ours.GetValueOrDefault("LayerNormalization"));
        Assert.Equal(2, ours.GetValueOrDefault("BiasGelu") + ours.GetValueOrDefault("Gelu"));
    }

    private string Optimize(string model, string name)
    {
        var path = Path.Combine(_dir, name);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = path };
        using (new InferenceSession(model, options))
        {
        }

        return path;
    }

    /// <summary>Operator counts of an ONNX file's main graph, keyed "op" (or "domain:op" outside the default domains).</summary>
    internal static Dictionary<string, int> Histogram(string model)
    {
        using var stream = File.OpenRead(model);
        var proto = ModelProto.Parser.ParseFrom(stream);
        return proto.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
    }

    private static string Describe(Dictionary<string, int> histogram) =>
        string.Join(", ", histogram.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
