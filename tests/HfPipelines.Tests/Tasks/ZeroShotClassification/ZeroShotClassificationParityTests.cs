using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Tasks.Parity;

namespace HfPipelines.Tests.Tasks.ZeroShotClassification;

/// <summary>zero-shot-classification against transformers 5.17's pipeline on a random NLI BERT (pyoracle/zero-shot):
/// single and multi label, templates.</summary>
public sealed class ZeroShotClassificationParityTests
{
    private static readonly JsonObject? Case = PyOracle.Case("zero-shot-classification");

    public static IEnumerable<object[]> Items() => Case is null ? [] :
        Case["items"]!.AsArray().SelectMany((item, i) => Enumerable.Range(0, item!["sequences"]!.AsArray().Count).Select(s => new object[] { i, s }));

    [FixtureTheory(PyOracle.Expected)]
    [MemberData(nameof(Items))]
    public async Task RunAsync_OracleItem_SameScoresAsTransformers(int index, int sequence)
    {
        var item = Case!["items"]![index]!;
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetZeroShotClassificationAsync(PyOracle.Folder((string)Case["model"]!));
        var options = new ZeroShotClassificationOptions
        {
            CandidateLabels = [.. item["candidate_labels"]!.AsArray().Select(l => (string)l!)],
            MultiLabel = (bool)item["multi_label"]!,
            HypothesisTemplate = (string)item["hypothesis_template"]!,
        };

        var result = await pipeline.RunAsync((string)item["sequences"]![sequence]!, options);

        PyOracle.AssertClose(item["output"]![sequence], result);
    }
}
