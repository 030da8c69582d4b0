using System.Text.Json;
using HfPipelines.Generation;
using HfPipelines.Testing;
using LLama;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace HfPipelines.LlamaCpp.Tests;

/// <summary>
/// The candidate sampler against LLamaSharp's full-vocabulary pipeline: same model, prompt, grammar, settings and
/// seed must give the same token ids, token by token.
/// </summary>
public sealed class LlamaGrammarSamplerTests
{
    private const string Prompt = "Once upon a time";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in (string[])[TestTools.StoriesPath, TestTools.RandomLlamaPath])
        {
            foreach (var sampling in (string[])["greedy", "greedy-penalty", "topk40", "topk5-topp", "topk40-penalty", "unbounded"])
            {
                data.Add(model, sampling);
            }
        }

        return data;
    }

    [FixtureTheory(TestTools.StoriesPath, TestTools.RandomLlamaPath)]
    [MemberData(nameof(Cases))]
    public void Sample_ToolGrammar_SameTokensAsFullVocabulary(string model, string sampling)
    {
        using var weights = LlamaCppModel.Load(TestFixtures.PathOf(model), new LlamaCppModelOptions { Threads = 1, ContextSize = 512 });
        using var context = weights.Weights.CreateContext(LlamaCppModel.CreateParams(weights.Path, weights.Options));
        var seeds = sampling.StartsWith("greedy", StringComparison.Ordinal) ? 1 : 4;
        foreach (var grammar in Grammars())
        {
            for (var seed = 0; seed < seeds; seed++)
            {
                var settings = Settings(sampling, seed);
                var expected = Generate(weights, context, settings, grammar, GrammarSampling.FullVocabulary, out _);
                var actual = Generate(weights, context, settings, grammar, GrammarSampling.Candidates, out var stats);
                Assert.True(expected.Count > 0);
                Assert.Equal(expected, actual);
                Assert.True(stats!.Tokens >= actual.Count);
            }
        }
    }

    [FixtureFact(TestTools.RandomLlamaPath)]
    public void Sample_RandomLlamaGreedy_AsksGrammarAboutFewTokens()
    {
        using var weights = LlamaCppModel.Load(TestFixtures.PathOf(TestTools.RandomLlamaPath), new LlamaCppModelOptions { Threads = 1, ContextSize = 512 });
        using var context = weights.Weights.CreateContext(LlamaCppModel.CreateParams(weights.Path, weights.Options));
        var tokens = Generate(weights, context, Settings("greedy", 0), Grammars()[0], GrammarSampling.Candidates, out var stats);

        // The random model's top token is rarely valid, so most tokens come from bands, far from the 32k-token mask.
        Assert.True(stats!.Banded > tokens.Count / 2, $"banded {stats.Banded} of {stats.Tokens}");
        Assert.True(stats.GrammarChecks < 2_000L * stats.Tokens, $"{stats.GrammarChecks} checks for {stats.Tokens} tokens");
    }

    internal static SamplingSettings Settings(string sampling, int seed) => sampling switch
    {
        "greedy" => new SamplingSettings(96, false, 1f, 1f, 0, 1f, seed),
        "greedy-penalty" => new SamplingSettings(96, false, 1f, 1f, 0, 1.3f, seed),
        "topk40" => new SamplingSettings(96, true, 1f, 1f, 40, 1f, seed),
        "topk5-topp" => new SamplingSettings(96, true, 0.7f, 0.9f, 5, 1f, seed),
        "topk40-penalty" => new SamplingSettings(96, true, 1.2f, 0.95f, 40, 1.3f, seed),
        "unbounded" => new SamplingSettings(96, true, 1f, 1f, 0, 1f, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(sampling), sampling, "unknown sampling case"),
    };

    internal static string[] Grammars()
    {
        AIFunction[] tools = [TestTools.Weather(), TestTools.Search()];
        var definitions = tools.Select(TestTools.Definition).ToList();
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string","maxLength":20},"age":{"type":"integer"},"happy":{"type":"boolean"}},"required":["name","age","happy"]}""");
        return
        [
            GenerationConstraint.ForTools(definitions, ToolCallFormat.Hermes, allowText: false).ToGbnf(),
            GenerationConstraint.ForTools(definitions, ToolCallFormat.BareJson, allowText: true).ToGbnf(),
            GenerationConstraint.ForJson(schema.RootElement.Clone()).ToGbnf(),
        ];
    }

    internal static List<int> Generate(LlamaCppModel model, LLamaContext context, SamplingSettings settings, string grammar, GrammarSampling mode, out GrammarSamplerStats? stats)
    {
        using var sampler = LlamaSamplerFactory.Create(model, settings, grammar, mode);
        var loop = new LlamaGenerationLoop(context, 512, reusePrefix: false);
        var max = loop.Prefill(Prompt, settings.MaxNewTokens, new GenerationStats(), CancellationToken.None);
        var tokens = new List<int>();
        for (var i = 0; i < max; i++)
        {
            var token = sampler.Sample(context.NativeHandle, -1);
            if (token.IsEndOfGeneration(model.Weights.Vocab))
            {
                break;
            }

            tokens.Add((int)token);
            loop.DecodeNext(token);
        }

        stats = (sampler as LlamaGrammarSampler)?.Stats;
        return tokens;
    }
}
