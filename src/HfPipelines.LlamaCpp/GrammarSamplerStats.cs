namespace HfPipelines.LlamaCpp;

/// <summary>Counters of one <see cref="LlamaGrammarSampler"/>: how each token was found and how many tokens the grammar checked.</summary>
internal sealed class GrammarSamplerStats
{
    /// <summary>Tokens sampled.</summary>
    public int Tokens { get; set; }

    /// <summary>Tokens whose free choice (or, with top-k, the top token) the grammar accepted.</summary>
    public int FirstChoice { get; set; }

    /// <summary>Tokens found by asking the grammar about bands of the best candidates.</summary>
    public int Banded { get; set; }

    /// <summary>Tokens that needed the grammar over the whole vocabulary.</summary>
    public int FullVocabulary { get; set; }

    /// <summary>Tokens the grammar was asked about, in all.</summary>
    public long GrammarChecks { get; set; }

    /// <summary>Time spent in the grammar's native apply calls (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long GrammarTicks { get; set; }

    /// <summary>Time spent sampling in all, grammar included (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long SampleTicks { get; set; }
}
