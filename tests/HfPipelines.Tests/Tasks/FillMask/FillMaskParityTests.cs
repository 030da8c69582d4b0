using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Tasks.Parity;

namespace HfPipelines.Tests.Tasks.FillMask;

/// <summary>fill-mask against transformers 5.17's pipeline on a random uncased BERT (pyoracle/fill-mask): top_k and targets.</summary>
public sealed class FillMaskParityTests
{
    private static readonly JsonObject? Case = PyOracle.Case("fill-mask");

    public static IEnumerable<object[]> Items() => PyOracle.Indices(c => c["items"]!.AsArray().Count, "fill-mask");

    [FixtureTheory(PyOracle.Expected)]
    [MemberData(nameof(Items))]
    public async Task RunAsync_OracleItem_SamePredictionsAsTransformers(int index)
    {
        var item = Case!["items"]![index]!;
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetFillMaskAsync(PyOracle.Folder((string)Case["model"]!));
        var options = item["targets"] is JsonArray targets
            ? new FillMaskOptions { Targets = [.. targets.Select(t => (string)t!)] }
            : new FillMaskOptions { TopK = (int)item["top_k"]! };

        var masks = await pipeline.RunAsync((string)item["text"]!, options);

        PyOracle.AssertClose(item["output"], masks.Count == 1 ? masks[0] : masks);
    }
}
