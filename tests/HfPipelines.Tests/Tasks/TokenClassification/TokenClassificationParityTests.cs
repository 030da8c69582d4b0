using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Tasks.Parity;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tasks.TokenClassification;

/// <summary>token-classification against transformers 5.17's pipeline on a random BERT (pyoracle/ner): every aggregation
/// strategy on every text, and stride windows (pyoracle/ner-window, model_max_length 32, stride 8).</summary>
public sealed class TokenClassificationParityTests
{
    private static readonly JsonObject? Case = PyOracle.Case("token-classification");

    public static IEnumerable<object[]> Texts() => Case is null ? [] :
        Case["by_strategy"]!.AsObject().SelectMany(s => Enumerable.Range(0, s.Value!.AsArray().Count).Select(i => new object[] { s.Key, i }));

    public static IEnumerable<object[]> Windows() => Case is null ? [] : Case["window"]!["by_strategy"]!.AsObject().Select(s => new object[] { s.Key });

    [FixtureTheory(PyOracle.Expected)]
    [MemberData(nameof(Texts))]
    public async Task RunAsync_OracleText_SameEntitiesAsTransformers(string strategy, int index)
    {
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetTokenClassificationAsync(PyOracle.Folder((string)Case!["model"]!));

        var entities = await pipeline.RunAsync((string)Case["texts"]![index]!, new TokenClassificationOptions { AggregationStrategy = Enum.Parse<AggregationStrategy>(strategy, ignoreCase: true) });

        PyOracle.AssertClose(Case["by_strategy"]![strategy]![index], entities);
    }

    /// <summary>With tokenizers 0.23 under transformers 5.17, right truncation stops tokenizing at model_max_length (32
    /// tokens), so the stride windows cover only those and Python's entities stop at character 175 of 510
    /// (huggingface/tokenizers#2091, docs/parity.md); ours cover the whole text. On the 32 tokens Python read, both make
    /// the same windows ([0, 30) and [22, 32)) and merge them the same way.</summary>
    [FixtureTheory(PyOracle.Expected)]
    [MemberData(nameof(Windows))]
    public async Task RunAsync_StrideWindowsOverWhatPythonSaw_SameEntitiesAsTransformers(string strategy)
    {
        var window = Case!["window"]!;
        var folder = PyOracle.Folder((string)window["model"]!);
        var text = (string)window["text"]!;
        var seen = HfTokenizer.FromFolder(folder).Encode(text).Offsets[32].End;
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetTokenClassificationAsync(folder);
        var options = new TokenClassificationOptions { AggregationStrategy = Enum.Parse<AggregationStrategy>(strategy, ignoreCase: true), Stride = (int)window["stride"]! };

        var entities = await pipeline.RunAsync(text[..seen], options);
        var whole = await pipeline.RunAsync(text, options);

        PyOracle.AssertClose(window["by_strategy"]![strategy], entities);
        Assert.True(whole[^1].End > 500, "the whole text is covered");
    }
}
