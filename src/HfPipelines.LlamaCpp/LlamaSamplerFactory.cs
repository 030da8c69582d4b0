using HfPipelines.Generation;
using LLama.Native;

namespace HfPipelines.LlamaCpp;

/// <summary>Builds the native sampler chain of one generation: penalties, grammar, then greedy or top-k/top-p/temperature sampling.</summary>
internal static class LlamaSamplerFactory
{
    public static SafeLLamaSamplerChainHandle Create(SafeLlamaModelHandle model, SamplingSettings sampling, string? grammar)
    {
        if (grammar is not null)
        {
            LlamaGrammarValidator.Validate(model, grammar, "root");
        }

        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            if (Math.Abs(sampling.RepetitionPenalty - 1f) > 1e-6f)
            {
                chain.AddPenalties(64, sampling.RepetitionPenalty, 0f, 0f);
            }

            if (grammar is not null)
            {
                chain.AddGrammar(model.Vocab, grammar, "root");
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
