using System.Text.Json;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Tasks.Parity;

namespace HfPipelines.Tests.Tasks.Translation;

/// <summary>translation against transformers 5.17's <c>model.generate()</c> + <c>decode(skip_special_tokens=True)</c> on a
/// random T5 (task prefix) and a random Marian whose generation_config.json asks for 4 beams (and has no
/// forced_eos_token_id, which its config.json still holds: transformers ignores it, so do we).</summary>
public sealed class TranslationParityTests
{
    public static IEnumerable<object[]> Items() =>
        new[] { "translation-t5", "translation-marian" }.SelectMany(key => PyOracle.Case(key) is { } c
            ? Enumerable.Range(0, c["items"]!.AsArray().Count).Select(i => new object[] { key, i })
            : []);

    [FixtureTheory(PyOracle.Expected)]
    [MemberData(nameof(Items))]
    public async Task RunAsync_OracleItem_SameTextAsGenerate(string key, int index)
    {
        var @case = PyOracle.Case(key)!;
        var item = @case["items"]![index]!;
        using var provider = PyOracle.Provider();
        var pipeline = await provider.GetTranslationAsync(PyOracle.Folder((string)@case["model"]!));
        var options = JsonSerializer.Deserialize<TranslationOptions>(item["params"]!.ToJsonString())!;
        if (PipelineTasks.TryParseTranslationPair((string)@case["task"]!, out var source, out var target))
        {
            (options.SourceLanguage, options.TargetLanguage) = (source, target);
        }

        var result = await pipeline.RunAsync((string)item["text"]!, options);

        Assert.Equal(((string)item["output"]!).Trim(), result.TranslationText.Trim());
    }
}
