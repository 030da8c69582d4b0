using HfPipelines.Generation;
using LLama.Native;
using LLama.Sampling;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Builds the sampler of one generation. Free text: a native chain of penalties, then greedy or
/// top-k/top-p/temperature sampling. With a grammar (checked natively first, see
/// <see cref="LlamaGrammarValidator"/>): <see cref="LlamaGrammarSampler"/>, which picks the tokens of LLamaSharp's
/// pipeline with the extended grammar optimisation (kept as <see cref="GrammarSampling.FullVocabulary"/>) while
/// asking the grammar about far fewer tokens (temperature 0 is greedy).
/// </summary>
internal static class LlamaSamplerFactory
{
    public static ISamplingPipeline Create(LlamaCppModel model, SamplingSettings sampling, string? grammar, GrammarSampling mode = GrammarSampling.Candidates, GrammarPrefilter? prefilter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (grammar is null)
        {
            return new ChainPipeline(CreateChain(sampling));
        }

        var handle = model.Weights.NativeHandle;
        LlamaGrammarValidator.Validate(handle, grammar, "root");
        return mode != GrammarSampling.FullVocabulary
            ? new LlamaGrammarSampler(handle, sampling, grammar, mode == GrammarSampling.Candidates ? prefilter ?? CreatePrefilter(model, grammar) : null)
            : new DefaultSamplingPipeline
            {
                Grammar = new Grammar(grammar, "root"),
                GrammarOptimization = DefaultSamplingPipeline.GrammarOptimizationMode.Extended,
                Temperature = sampling.DoSample ? sampling.Temperature : 0f,
                TopK = sampling.DoSample ? sampling.TopK : 0,
                TopP = sampling.DoSample ? sampling.TopP : 1f,
                MinP = 0f,
                TypicalP = 1f,
                RepeatPenalty = sampling.RepetitionPenalty,
                Seed = Seed(sampling),
            };
    }

    /// <summary>The probe index of a grammar over the model's vocabulary (built once per grammar; reusable by one generation at a time).</summary>
    public static GrammarPrefilter CreatePrefilter(LlamaCppModel model, string grammar) => new(model.TokenPieces, GbnfCharClasses.Parse(grammar));

    /// <summary>
    /// The chain <see cref="DefaultSamplingPipeline"/> builds for the settings of <see cref="Create"/> (penalties, top-k,
    /// typical, top-p, min-p, temperature, distribution), so that <see cref="LlamaGrammarSampler"/> draws the same tokens.
    /// </summary>
    public static SafeLLamaSamplerChainHandle CreateGrammarChain(SamplingSettings sampling)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        chain.AddPenalties(64, sampling.RepetitionPenalty, 0f, 0f);
        chain.AddTopK(sampling.DoSample ? sampling.TopK : 0);
        chain.AddTypical(1f, 1);
        chain.AddTopP(sampling.DoSample ? sampling.TopP : 1f, 1);
        chain.AddMinP(0f, 1);
        chain.AddTemperature(sampling.DoSample ? sampling.Temperature : 0f);
        chain.AddDistributionSampler(Seed(sampling));
        return chain;
    }

    private static uint Seed(SamplingSettings sampling) => sampling.Seed is int seed ? unchecked((uint)seed) : (uint)Random.Shared.Next();

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
            chain.AddDistributionSampler(Seed(sampling));
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

/// <summary>How grammar-constrained tokens are sampled.</summary>
internal enum GrammarSampling
{
    /// <summary><see cref="LlamaGrammarSampler"/>: candidates in logit order, ruled out by probes (<see cref="GrammarPrefilter"/>)
    /// where they can be, the grammar asked about as few as needed.</summary>
    Candidates,

    /// <summary><see cref="LlamaGrammarSampler"/> without probes: every candidate is checked by the grammar.</summary>
    CandidatesWithoutProbes,

    /// <summary>LLamaSharp's <see cref="DefaultSamplingPipeline"/> (extended optimisation): the grammar masks the whole
    /// vocabulary whenever the free choice breaks it. The reference the candidate sampler must match.</summary>
    FullVocabulary,
}
