using System.Diagnostics;
using HfPipelines.Generation;
using LLama.Native;
using LLama.Sampling;

namespace HfPipelines.LlamaCpp;

/// <summary>
/// Grammar-constrained sampling that asks the grammar about as few tokens as it can and still picks exactly the
/// token of LLamaSharp's <see cref="DefaultSamplingPipeline"/> with the extended grammar optimisation (same chain,
/// same seed, same random draws). That pipeline samples freely, keeps the token if the grammar accepts it, else
/// (top-k only) keeps the top token if the grammar accepts it, else masks the whole vocabulary with the grammar and
/// samples again. Masking 32k tokens costs milliseconds; here the last step takes candidates in descending
/// (penalised) logit order in widening bands and stops as soon as the answer is known:
/// <list type="bullet">
/// <item>greedy: the first band holding a valid token holds the best valid token (every token outside is lower);</item>
/// <item>top-k: once k valid tokens are found, every valid token outside the bands is lower, so the top k valid
/// tokens (all the chain's top-k keeps from the masked vocabulary) are known;</item>
/// <item>top-k off: the distribution needs every valid token, so the whole vocabulary is masked, as before.</item>
/// </list>
/// Owns its native samplers. Not thread-safe: one per generation.
/// </summary>
internal sealed class LlamaGrammarSampler : ISamplingPipeline
{
    private const int PenaltyWindow = 64;
    private const int FewCandidatesLimit = 4096;
    private static readonly int[] GreedyBands = [32, 256, 2048];

    private readonly bool _greedy;
    private readonly int _topK;
    private readonly SafeLLamaSamplerChainHandle _grammar;
    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly SafeLLamaSamplerChainHandle? _penalties;
    private readonly GrammarPrefilter? _prefilter;
    private readonly GrammarCheck _checkDirect;
    private readonly Queue<LLamaToken> _recent = new(PenaltyWindow);
    private LLamaTokenData[] _candidates = [];
    private LLamaTokenData[] _pending = [];
    private int[] _indices = [];
    private float[] _penalized = [];

    /// <summary>Creates the sampler; the grammar must already have passed <see cref="LlamaGrammarValidator"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="sampling">The settings.</param>
    /// <param name="grammar">The GBNF grammar (root rule <c>root</c>).</param>
    /// <param name="prefilter">Rules tokens out by probes before the grammar checks them one by one; null to check every candidate.</param>
    public LlamaGrammarSampler(SafeLlamaModelHandle model, SamplingSettings sampling, string grammar, GrammarPrefilter? prefilter)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampling);
        _prefilter = prefilter;
        _prefilter?.Reset();
        _checkDirect = CheckDirect;
        _greedy = !sampling.DoSample;
        _topK = sampling.DoSample ? sampling.TopK : 0;
        _grammar = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            _grammar.AddGrammar(model.Vocab, grammar, "root");
            _chain = LlamaSamplerFactory.CreateGrammarChain(sampling);
            if (Math.Abs(sampling.RepetitionPenalty - 1f) > 1e-6f)
            {
                _penalties = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
                _penalties.AddPenalties(PenaltyWindow, sampling.RepetitionPenalty, 0f, 0f);
            }
        }
        catch
        {
            _chain?.Dispose();
            _grammar.Dispose();
            throw;
        }
    }

    /// <summary>What the sampler did so far (for benchmarks and tests).</summary>
    public GrammarSamplerStats Stats { get; } = new();

    /// <inheritdoc />
    public LLamaToken Sample(SafeLLamaContextHandle ctx, int index)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var start = Stopwatch.GetTimestamp();
        var logits = ctx.GetLogitsIth(index);
        EnsureBuffers(logits.Length);
        _prefilter?.NextStep();
        var token = _greedy ? SampleGreedy(logits)
            : _topK > 0 ? SampleTopK(logits)
            : SampleUnbounded(logits);
        Accept(token);
        Stats.Tokens++;
        Stats.SampleTicks += Stopwatch.GetTimestamp() - start;
        return token;
    }

    /// <inheritdoc />
    public void Apply(SafeLLamaContextHandle ctx, LLamaTokenDataArray data)
    {
        LLamaTokenDataArrayNative native;
        using (LLamaTokenDataArrayNative.Create(data, out native))
        {
            _grammar.Apply(ref native);
            _chain.Apply(ref native);
        }
    }

    /// <inheritdoc />
    public void Accept(LLamaToken token)
    {
        _chain.Accept(token);
        _grammar.Accept(token);
        _prefilter?.Accept((int)token);
        if (_penalties is not null)
        {
            _penalties.Accept(token);
            if (_recent.Count == PenaltyWindow)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(token);
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        _chain.Reset();
        _grammar.Reset();
        _penalties?.Reset();
        _prefilter?.Reset();
        _recent.Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _penalties?.Dispose();
        _chain.Dispose();
        _grammar.Dispose();
    }

    private LLamaToken SampleGreedy(ReadOnlySpan<float> logits)
    {
        // Temperature 0 keeps the first maximum of the penalised logits: over the vocabulary, then over valid tokens.
        var scores = Penalize(logits);
        var (max, min) = LogitRanking.Range(scores);
        var best = scores.IndexOf(max);
        if (best >= 0 && IsValid(best))
        {
            Stats.FirstChoice++;
            return best;
        }

        var high = float.PositiveInfinity;
        for (var band = 0; ; band++)
        {
            var low = band < GreedyBands.Length && !(band > 0 && FewCandidates()) ? LogitRanking.ThresholdFor(scores, max, min, GreedyBands[band]) : float.NegativeInfinity;
            var count = Collect(scores, low, high, _indices);
            var found = BestValid(scores, count);
            if (found >= 0)
            {
                Stats.Banded++;
                return found;
            }

            if (float.IsNegativeInfinity(low))
            {
                // The grammar allows no token at all: do what the full-vocabulary pipeline does.
                Stats.FullVocabulary++;
                return MaskAndSample(logits);
            }

            high = low;
        }
    }

    private LLamaToken SampleTopK(ReadOnlySpan<float> logits)
    {
        var scores = Penalize(logits);
        var (max, min) = LogitRanking.Range(scores);

        // The free sample: the chain's top-k only ever keeps tokens at or above this threshold.
        var count = LogitRanking.CollectBand(scores, LogitRanking.ThresholdFor(scores, max, min, _topK), float.PositiveInfinity, _indices);
        for (var i = 0; i < count; i++)
        {
            _candidates[i] = new LLamaTokenData(_indices[i], logits[_indices[i]], 0f);
        }

        var (sampled, top) = ApplyChain(count);
        if (IsValid(sampled))
        {
            Stats.FirstChoice++;
            return sampled;
        }

        if (IsValid(top))
        {
            Stats.FirstChoice++;
            return top;
        }

        var valid = CollectValid(scores, max, min);
        if (valid == 0)
        {
            Stats.FullVocabulary++;
            return MaskAndSample(logits);
        }

        Stats.Banded++;
        _indices.AsSpan(0, valid).Sort();
        for (var i = 0; i < valid; i++)
        {
            _candidates[i] = new LLamaTokenData(_indices[i], logits[_indices[i]], 0f);
        }

        // With fewer than k valid tokens the masked top-k still keeps k entries, the rest at -inf: they never win,
        // but the distribution sampler draws a random number only when it has more than one entry, so pad the same way.
        var kept = Math.Min(_topK, logits.Length);
        for (var i = valid; i < kept; i++)
        {
            _candidates[i] = new LLamaTokenData(sampled, float.NegativeInfinity, 0f);
        }

        return ApplyChain(Math.Max(valid, kept)).Sampled;
    }

    private LLamaToken SampleUnbounded(ReadOnlySpan<float> logits)
    {
        for (var i = 0; i < logits.Length; i++)
        {
            _candidates[i] = new LLamaTokenData(i, logits[i], 0f);
        }

        var (sampled, _) = ApplyChain(logits.Length);
        if (IsValid(sampled))
        {
            Stats.FirstChoice++;
            return sampled;
        }

        Stats.FullVocabulary++;
        return MaskAndSample(logits);
    }

    /// <summary>Finds at least k valid tokens, best first by band; leaves their ids in <c>_indices</c>.</summary>
    private int CollectValid(ReadOnlySpan<float> scores, float max, float min)
    {
        var valid = 0;
        var high = float.PositiveInfinity;
        for (var wanted = Math.Max(4 * _topK, 64); ; wanted *= 8)
        {
            var low = high < float.PositiveInfinity && FewCandidates() ? float.NegativeInfinity : LogitRanking.ThresholdFor(scores, max, min, wanted);
            var count = Collect(scores, low, high, _indices.AsSpan(valid));
            valid += KeepValid(_indices.AsSpan(valid, count));
            if (valid >= _topK || float.IsNegativeInfinity(low))
            {
                return valid;
            }

            high = low;
        }
    }

    /// <summary>The full-vocabulary path: the grammar masks every token (rejected ones to -inf), then the chain samples.</summary>
    private LLamaToken MaskAndSample(ReadOnlySpan<float> logits)
    {
        if (_prefilter is { IsUsable: true })
        {
            // The same masked array, built from the valid set the probes find with far fewer grammar checks.
            for (var i = 0; i < logits.Length; i++)
            {
                _candidates[i] = new LLamaTokenData(i, float.NegativeInfinity, 0f);
            }

            var count = Collect(logits, float.NegativeInfinity, float.PositiveInfinity, _indices);
            var valid = KeepValid(_indices.AsSpan(0, count));
            for (var i = 0; i < valid; i++)
            {
                _candidates[_indices[i]] = new LLamaTokenData(_indices[i], logits[_indices[i]], 0f);
            }

            return ApplyChain(logits.Length).Sampled;
        }

        for (var i = 0; i < logits.Length; i++)
        {
            _candidates[i] = new LLamaTokenData(i, logits[i], 0f);
        }

        Stats.GrammarChecks += logits.Length;
        LLamaTokenDataArrayNative native;
        using (LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(_candidates.AsMemory(0, logits.Length)), out native))
        {
            var start = Stopwatch.GetTimestamp();
            _grammar.Apply(ref native);
            Stats.GrammarTicks += Stopwatch.GetTimestamp() - start;
            _chain.Apply(ref native);
            return native.Data[checked((int)native.Selected)].ID;
        }
    }

    /// <summary>
    /// True when the probes leave so few candidates in the whole vocabulary that checking them all costs less than
    /// walking more bands (grammar positions that allow a few characters only).
    /// </summary>
    private bool FewCandidates() => _prefilter is { IsUsable: true } && _prefilter.CountCandidates(_checkDirect) <= FewCandidatesLimit;

    /// <summary>
    /// The ids with a score in <c>[low, high)</c>; for the last band (everything below <paramref name="high"/>) only
    /// those the prefilter's probes leave, found without walking the vocabulary.
    /// </summary>
    private int Collect(ReadOnlySpan<float> scores, float low, float high, Span<int> destination) =>
        float.IsNegativeInfinity(low) && _prefilter is { IsUsable: true }
            ? _prefilter.CollectCandidates(scores, high, destination, _checkDirect)
            : LogitRanking.CollectBand(scores, low, high, destination);

    /// <summary>Runs the chain over the first <paramref name="count"/> candidates; returns the pick and the first kept token.</summary>
    private (LLamaToken Sampled, LLamaToken Top) ApplyChain(int count)
    {
        LLamaTokenDataArrayNative native;
        using (LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(_candidates.AsMemory(0, count)), out native))
        {
            _chain.Apply(ref native);
            var data = native.Data;
            return (data[checked((int)native.Selected)].ID, data[0].ID);
        }
    }

    /// <summary>Among the first <paramref name="count"/> ids in <c>_indices</c>, the valid one with the highest score (lowest id on ties), or -1.</summary>
    private int BestValid(ReadOnlySpan<float> scores, int count)
    {
        var valid = KeepValid(_indices.AsSpan(0, count));
        var best = -1;
        for (var i = 0; i < valid; i++)
        {
            var id = _indices[i];
            if (best < 0 || scores[id] > scores[best] || (scores[id] == scores[best] && id < best))
            {
                best = id;
            }
        }

        return best;
    }

    /// <summary>Keeps the ids the grammar accepts (moved to the front, in order) and returns how many.</summary>
    private int KeepValid(Span<int> ids) => _prefilter is null ? CheckDirect(ids) : _prefilter.KeepValid(ids, _checkDirect);

    /// <summary>Asks the grammar about every id in <paramref name="ids"/>, moves the valid ones to the front, and returns how many.</summary>
    private int CheckDirect(Span<int> ids)
    {
        if (ids.Length == 0)
        {
            return 0;
        }

        for (var i = 0; i < ids.Length; i++)
        {
            _pending[i] = new LLamaTokenData(ids[i], 0f, 0f);
        }

        Stats.GrammarChecks += ids.Length;
        var start = Stopwatch.GetTimestamp();
        LLamaTokenDataArrayNative native;
        using (LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(_pending.AsMemory(0, ids.Length)), out native))
        {
            _grammar.Apply(ref native);
        }

        Stats.GrammarTicks += Stopwatch.GetTimestamp() - start;

        var valid = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (!float.IsNegativeInfinity(_pending[i].Logit))
            {
                ids[valid++] = (int)_pending[i].ID;
            }
        }

        return valid;
    }

    private bool IsValid(LLamaToken token)
    {
        Span<int> one = [(int)token];
        return CheckDirect(one) == 1;
    }

    /// <summary>The logits as the chain's repetition penalty leaves them (the native penalty sampler, applied to the recent tokens only).</summary>
    private ReadOnlySpan<float> Penalize(ReadOnlySpan<float> logits)
    {
        if (_penalties is null || _recent.Count == 0)
        {
            return logits;
        }

        logits.CopyTo(_penalized);
        var n = 0;
        foreach (var token in _recent.Distinct())
        {
            _pending[n++] = new LLamaTokenData(token, logits[(int)token], 0f);
        }

        LLamaTokenDataArrayNative native;
        using (LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(_pending.AsMemory(0, n)), out native))
        {
            _penalties.Apply(ref native);
        }

        for (var i = 0; i < n; i++)
        {
            _penalized[(int)_pending[i].ID] = _pending[i].Logit;
        }

        return _penalized;
    }

    private void EnsureBuffers(int vocabulary)
    {
        if (_candidates.Length < vocabulary)
        {
            _candidates = new LLamaTokenData[vocabulary];
            _pending = new LLamaTokenData[vocabulary];
            _indices = new int[vocabulary];
            _penalized = _penalties is null ? [] : new float[vocabulary];
        }
    }
}
