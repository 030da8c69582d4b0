using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Tasks.Parity;

namespace HfPipelines.Tests.Tasks.Summarization;

/// <summary>summarization against transformers 5.17's <c>model.generate()</c> + <c>decode(skip_special_tokens=True)</c>
/// on a random T5 (pyoracle/t5; v5 has no summarization pipeline): greedy, and beam search with min_length,
/// no_repeat_ngram_size, length_penalty, early_stopping and repetition_penalty.</summary>
public sealed class SummarizationParityTests
{
    private static readonly JsonObject? Case = PyOracle.Case("summarization-t5");

    public static IEnumerable<object[]> Items() => PyOracle.Indices(c => c["items"]!.AsArray().Count, "summarization-t5");

    [FixtureTheory(PyOracle.Expected)]
    [MemberData(nameof(Items))]
    public async Task RunAsync_OracleItem_SameTextAsGenerate(int index)
    {
        var item = Case!["items"]![index]!;
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetSummarizationAsync(PyOracle.Folder((string)Case["model"]!));
        var options = System.Text.Json.JsonSerializer.Deserialize<SummarizationOptions>(item["params"]!.ToJsonString())!;

        var result = await pipeline.RunAsync((string)item["text"]!, options);

        Assert.Equal(((string)item["output"]!).Trim(), result.SummaryText.Trim());
    }
}
