using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Tasks.Parity;

namespace HfPipelines.Tests.Tasks.TextClassification;

/// <summary>text-classification against transformers 5.17's pipeline on a random 3-label BERT (pyoracle/text-classification):
/// top_k (None: all) and function_to_apply.</summary>
public sealed class TextClassificationParityTests
{
    private static readonly JsonObject? Case = PyOracle.Case("text-classification");

    public static IEnumerable<object[]> Items() => Case is null ? [] :
        Case["items"]!.AsArray().SelectMany((item, i) => Enumerable.Range(0, item!["texts"]!.AsArray().Count).Select(t => new object[] { i, t }));

    [FixtureTheory(PyOracle.Expected)]
    [MemberData(nameof(Items))]
    public async Task RunAsync_OracleItem_SameLabelsAsTransformers(int index, int text)
    {
        var item = Case!["items"]![index]!;
        var parameters = item["params"]!.AsObject();
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetTextClassificationAsync(PyOracle.Folder((string)Case["model"]!));
        var options = new TextClassificationOptions
        {
            TopK = parameters.ContainsKey("top_k") ? (int?)parameters["top_k"] ?? 0 : null,
            FunctionToApply = parameters["function_to_apply"] is { } f ? Enum.Parse<ClassificationFunction>((string)f!, ignoreCase: true) : ClassificationFunction.Default,
        };

        var labels = await pipeline.RunAsync((string)item["texts"]![text]!, options);

        var want = item["output"]![text]!;
        PyOracle.AssertClose(want is JsonArray ? want : new JsonArray(want.DeepClone()), labels);
    }
}
