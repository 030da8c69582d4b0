namespace HfPipelines.Seq2Seq;

/// <summary>
/// The generation keywords that transformers' summarization and translation pipelines pass to <c>generate()</c>,
/// under their Python names (the JSON names of the implementing options). Null values keep the model's generation
/// config (generation_config.json); <see cref="Seq2SeqGenerationConfig.Apply(ISeq2SeqGenerationOptions)"/> lays them over it.
/// </summary>
public interface ISeq2SeqGenerationOptions
{
    /// <summary><c>min_length</c>: the shortest output, in tokens (decoder start included).</summary>
    int? MinLength { get; }

    /// <summary><c>max_length</c>: the longest output, in tokens (decoder start included).</summary>
    int? MaxLength { get; }

    /// <summary><c>max_new_tokens</c>: most generated tokens; wins over <see cref="MaxLength"/>.</summary>
    int? MaxNewTokens { get; }

    /// <summary><c>num_beams</c>: beam width; 1 is greedy (or sampling with <see cref="DoSample"/>).</summary>
    int? NumBeams { get; }

    /// <summary><c>no_repeat_ngram_size</c>: no n-gram of this size occurs twice; 0 is off.</summary>
    int? NoRepeatNgramSize { get; }

    /// <summary><c>length_penalty</c>: exponent of the length normalisation of beam scores (above 1 favours longer outputs).</summary>
    double? LengthPenalty { get; }

    /// <summary><c>early_stopping</c>: beam search stops as soon as <see cref="NumBeams"/> outputs are finished.</summary>
    bool? EarlyStopping { get; }

    /// <summary><c>repetition_penalty</c>: penalty on tokens already generated; 1.0 is off.</summary>
    double? RepetitionPenalty { get; }

    /// <summary><c>do_sample</c>: sample the next token instead of taking the likeliest (needs <see cref="NumBeams"/> 1).</summary>
    bool? DoSample { get; }

    /// <summary><c>top_k</c>: when sampling, only the k likeliest tokens; 0 is off. transformers' default is 50.</summary>
    int? TopK { get; }

    /// <summary><c>top_p</c>: when sampling, only the smallest set of likeliest tokens whose probabilities sum to p; 1.0 is off.</summary>
    double? TopP { get; }

    /// <summary><c>temperature</c>: when sampling, logits are divided by it; 1.0 is off.</summary>
    double? Temperature { get; }

    /// <summary>Seed of the sampler, for reproducible samples (not a Python keyword: there the global torch seed plays this part).
    /// Null: a random seed per call.</summary>
    int? Seed { get; }
}
