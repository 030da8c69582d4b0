using HfPipelines.Generation;
using LLama.Native;
using LLama.Sampling;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Builds the sampler of one generation. Free text: a native chain of penalties, then greedy or
/// top-k/top-p/temperature sampling. With a grammar (checked natively first, see
/// <see cref="LlamaGrammarValidator"/>): LLamaSharp's pipeline with the extended grammar optimisation,
/// which masks the whole vocabulary only when the chosen token breaks the grammar (temperature 0 is greedy).
/// </summary>
internal static class LlamaSamplerFactory
{
    public static ISamplingPipeline Create(SafeLlamaModelHandle model, SamplingSettings sampling, string? grammar)
    {
        if (grammar is null)
        {
            return new ChainPipeline(CreateChain(sampling));
        }

        LlamaGrammarValidator.Validate(model, grammar, "root");
        return new DefaultSamplingPipeline
        {
            Grammar = new Grammar(grammar, "root"),
            GrammarOptimization = DefaultSamplingPipeline.GrammarOptimizationMode.Extended,
            Temperature = sampling.DoSample ? sampling.Temperature : 0f,
            TopK = sampling.DoSample ? sampling.TopK : 0,
            TopP = sampling.DoSample ? sampling.TopP : 1f,
            MinP = 0f,
            TypicalP = 1f,
            RepeatPenalty = sampling.RepetitionPenalty,
            Seed = sampling.Seed is int seed ? unchecked((uint)seed) : (uint)Random.Shared.Next(),
        };
    }

    private static SafeLLamaSamplerChainHandle CreateChain(SamplingSettings sampling)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            if (Math.Abs(sampling.RepetitionPenalty - 1f) > 1e-6f)
            {
                chain.AddPenalties(64, sampling.RepetitionPenalty, 0f, 0f);
            }

            if (!sampling.DoSample)
            {
                chain.AddGreedySampler();
                return chain;
            }

            if (sampling.TopK > 0)
            {
                chain.AddTopK(sampling.TopK);
            }

            if (sampling.TopP < 1f)
            {
                chain.AddTopP(sampling.TopP, 1);
            }

            chain.AddTemperature(sampling.Temperature);
            chain.AddDistributionSampler(sampling.Seed is int seed ? unchecked((uint)seed) : (uint)Random.Shared.Next());
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }
}

/// <summary>A native sampler chain as an <see cref="ISamplingPipeline"/>; owns the chain.</summary>
internal sealed class ChainPipeline(SafeLLamaSamplerChainHandle chain) : BaseSamplingPipeline
{
    protected override SafeLLamaSamplerChainHandle CreateChain(SafeLLamaContextHandle context) => chain;
}
