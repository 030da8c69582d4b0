using System.Text.Json.Nodes;

namespace HfPipelines.Seq2Seq;

/// <summary>
/// Generation settings of an encoder-decoder model, with the defaults and meaning of transformers'
/// <c>GenerationConfig</c>. Read from <c>generation_config.json</c> (then <c>config.json</c>) and overridable.
/// </summary>
public sealed class Seq2SeqGenerationConfig
{
    /// <summary>The first decoder token (<c>decoder_start_token_id</c>).</summary>
    public int DecoderStartTokenId { get; set; }

    /// <summary>Tokens the decoder starts from, after the start token (Whisper's language, task and timestamp tokens).</summary>
    public IReadOnlyList<int> DecoderPromptTail { get; set; } = [];

    /// <summary>The whole decoder prompt: the start token and <see cref="DecoderPromptTail"/>.</summary>
    public IReadOnlyList<int> DecoderPrompt => [DecoderStartTokenId, .. DecoderPromptTail];

    /// <summary>Tokens never generated (<c>suppress_tokens</c>).</summary>
    public IReadOnlyList<int> SuppressTokens { get; set; } = [];

    /// <summary>Tokens not generated at the first position after the prompt (<c>begin_suppress_tokens</c>).</summary>
    public IReadOnlyList<int> BeginSuppressTokens { get; set; } = [];

    /// <summary>Extra processing of each row's scores after the standard processors (e.g. Whisper's timestamp rules);
    /// receives the scores and the row's sequence.</summary>
    public Action<float[], IReadOnlyList<int>>? CustomProcessor { get; set; }

    /// <summary>End-of-sequence token ids.</summary>
    public IReadOnlyList<int> EosTokenIds { get; set; } = [];

    /// <summary>Padding token id, used after a row has finished.</summary>
    public int PadTokenId { get; set; }

    /// <summary>Token forced at the first generated position (mBART, NLLB, M2M100 target language).</summary>
    public int? ForcedBosTokenId { get; set; }

    /// <summary>Token forced at the last position when <see cref="MaxLength"/> is reached.</summary>
    public int? ForcedEosTokenId { get; set; }

    /// <summary>Longest decoder sequence, decoder start token included. Default 20, as in transformers.</summary>
    public int MaxLength { get; set; } = 20;

    /// <summary>Most generated tokens; when set, overrides <see cref="MaxLength"/> (max length = this + 1).</summary>
    public int? MaxNewTokens { get; set; }

    /// <summary>Shortest decoder sequence before EOS is allowed. Default 0.</summary>
    public int MinLength { get; set; }

    /// <summary>Beam width; 1 is greedy. Default 1.</summary>
    public int NumBeams { get; set; } = 1;

    /// <summary>Exponent of the length normalisation of beam scores. Default 1.0.</summary>
    public double LengthPenalty { get; set; } = 1.0;

    /// <summary>Stop beam search as soon as <see cref="NumBeams"/> hypotheses are finished. Default false.</summary>
    public bool EarlyStopping { get; set; }

    /// <summary>No n-gram of this size may occur twice; 0 is off.</summary>
    public int NoRepeatNgramSize { get; set; }

    /// <summary>Penalty on tokens already generated; 1.0 is off.</summary>
    public double RepetitionPenalty { get; set; } = 1.0;

    /// <summary>Sample the next token (<c>do_sample</c>) instead of taking the likeliest. Default false.</summary>
    public bool DoSample { get; set; }

    /// <summary>When sampling: keep the k likeliest tokens (<c>top_k</c>); 0 is off. Default 50, as in transformers.</summary>
    public int TopK { get; set; } = 50;

    /// <summary>When sampling: keep the likeliest tokens whose probabilities sum to p (<c>top_p</c>); 1.0 is off. Default 1.0.</summary>
    public double TopP { get; set; } = 1.0;

    /// <summary>When sampling: divide the logits by this (<c>temperature</c>). Default 1.0.</summary>
    public double Temperature { get; set; } = 1.0;

    /// <summary>When sampling: the sampler's seed; null draws a random one per call.</summary>
    public int? Seed { get; set; }

    /// <summary>Token sequences that must not be generated.</summary>
    public IReadOnlyList<int[]> BadWordsIds { get; set; } = [];

    /// <summary>The effective maximum decoder length.</summary>
    public int EffectiveMaxLength => MaxNewTokens is { } n ? n + DecoderPrompt.Count : MaxLength;

    /// <summary>A copy, for per-call overrides.</summary>
    /// <returns>The copy.</returns>
    public Seq2SeqGenerationConfig Clone() => (Seq2SeqGenerationConfig)MemberwiseClone();

    /// <summary>Applies generation keys of a JSON object (e.g. config.json's <c>task_specific_params.summarization</c>).</summary>
    /// <param name="parameters">The keys: min_length, max_length, num_beams, length_penalty, no_repeat_ngram_size, early_stopping.</param>
    public void Apply(JsonObject? parameters)
    {
        if (parameters is null)
        {
            return;
        }

        MinLength = Int(parameters["min_length"]) ?? MinLength;
        MaxLength = Int(parameters["max_length"]) ?? MaxLength;
        NumBeams = Int(parameters["num_beams"]) ?? NumBeams;
        NoRepeatNgramSize = Int(parameters["no_repeat_ngram_size"]) ?? NoRepeatNgramSize;
        LengthPenalty = parameters["length_penalty"] is JsonValue lp && lp.TryGetValue<double>(out var l) ? l : LengthPenalty;
        EarlyStopping = parameters["early_stopping"] is JsonValue es && es.TryGetValue<bool>(out var e) ? e : EarlyStopping;
    }

    /// <summary>Lays a call's options over these settings: every non-null value replaces the model's.</summary>
    /// <param name="options">The call's options (summarization, translation).</param>
    public void Apply(ISeq2SeqGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MinLength = options.MinLength ?? MinLength;
        MaxLength = options.MaxLength ?? MaxLength;
        MaxNewTokens = options.MaxNewTokens ?? MaxNewTokens;
        NumBeams = options.NumBeams ?? NumBeams;
        NoRepeatNgramSize = options.NoRepeatNgramSize ?? NoRepeatNgramSize;
        LengthPenalty = options.LengthPenalty ?? LengthPenalty;
        EarlyStopping = options.EarlyStopping ?? EarlyStopping;
        RepetitionPenalty = options.RepetitionPenalty ?? RepetitionPenalty;
        DoSample = options.DoSample ?? DoSample;
        TopK = options.TopK ?? TopK;
        TopP = options.TopP ?? TopP;
        Temperature = options.Temperature ?? Temperature;
        Seed = options.Seed ?? Seed;
    }

    /// <summary>Checks the values; throws <see cref="InvalidPipelineInputException"/> naming a bad one.</summary>
    public void Validate()
    {
        Check(NumBeams >= 1, $"num_beams must be at least 1, got {NumBeams}.");
        Check(EffectiveMaxLength > DecoderPrompt.Count, $"max_length must be more than the decoder prompt ({DecoderPrompt.Count} tokens), got {EffectiveMaxLength}.");
        Check(MinLength >= 0 && MinLength <= EffectiveMaxLength, $"min_length must be between 0 and max_length ({EffectiveMaxLength}), got {MinLength}.");
        Check(NoRepeatNgramSize >= 0, $"no_repeat_ngram_size must be 0 or more, got {NoRepeatNgramSize}.");
        Check(RepetitionPenalty > 0, $"repetition_penalty must be positive, got {RepetitionPenalty}.");
        Check(TopK >= 0, $"top_k must be 0 (off) or more, got {TopK}.");
        Check(TopP > 0 && TopP <= 1, $"top_p must be in (0, 1], got {TopP}.");
        Check(Temperature > 0, $"temperature must be positive, got {Temperature}.");
        Check(!DoSample || NumBeams == 1, $"do_sample with num_beams {NumBeams} (beam sampling) is not supported: use num_beams 1 to sample, or do_sample false for beam search.");
        Check(EosTokenIds.Count > 0, "The model has no eos_token_id: set it in generation_config.json or config.json.");
    }

    /// <summary>Reads the settings of a model folder: <c>generation_config.json</c> first, then <c>config.json</c>.</summary>
    /// <param name="modelFolder">The folder.</param>
    /// <returns>The settings.</returns>
    public static Seq2SeqGenerationConfig FromModelFolder(string modelFolder) =>
        FromJson(Pipelines.ModelJson.TryRead(Path.Combine(modelFolder, "generation_config.json")), Pipelines.ModelJson.ReadConfig(modelFolder));

    /// <summary>Reads the settings from parsed files, as transformers does: when <paramref name="generationConfig"/> exists it
    /// alone sets how generation behaves (lengths, beams, penalties, forced and suppressed tokens), and
    /// <paramref name="modelConfig"/> only fills in the special token ids it lacks; without it, every key comes from
    /// <paramref name="modelConfig"/> (transformers' <c>GenerationConfig.from_model_config</c>). So a
    /// <c>forced_eos_token_id</c> left in a Marian config.json is not applied when generation_config.json does not have it.</summary>
    /// <param name="generationConfig">generation_config.json, or null.</param>
    /// <param name="modelConfig">config.json (or another object with the same keys), or null.</param>
    /// <returns>The settings (defaults where neither has a key).</returns>
    public static Seq2SeqGenerationConfig FromJson(JsonObject? generationConfig, JsonObject? modelConfig)
    {
        JsonNode? Token(string key) => generationConfig?[key] ?? modelConfig?[key];
        JsonNode? Get(string key) => generationConfig is null ? modelConfig?[key] : generationConfig[key];

        var eos = Ids(Token("eos_token_id"));
        var result = new Seq2SeqGenerationConfig
        {
            DecoderStartTokenId = Int(Token("decoder_start_token_id")) ?? Int(Token("bos_token_id")) ?? Int(Token("pad_token_id")) ?? 0,
            EosTokenIds = eos,
            PadTokenId = Int(Token("pad_token_id")) ?? (eos.Count > 0 ? eos[0] : 0),
            ForcedBosTokenId = Int(Get("forced_bos_token_id")),
            ForcedEosTokenId = Int(Get("forced_eos_token_id")),
            MaxLength = Int(Get("max_length")) ?? 20,
            MinLength = Int(Get("min_length")) ?? 0,
            NumBeams = Int(Get("num_beams")) ?? 1,
            LengthPenalty = Get("length_penalty")?.GetValue<double>() ?? 1.0,
            EarlyStopping = Get("early_stopping") is JsonValue v && v.TryGetValue<bool>(out var b) && b,
            NoRepeatNgramSize = Int(Get("no_repeat_ngram_size")) ?? 0,
            RepetitionPenalty = Get("repetition_penalty")?.GetValue<double>() ?? 1.0,
            DoSample = Get("do_sample") is JsonValue ds && ds.TryGetValue<bool>(out var sample) && sample,
            TopK = Int(Get("top_k")) ?? 50,
            TopP = Get("top_p")?.GetValue<double>() ?? 1.0,
            Temperature = Get("temperature")?.GetValue<double>() ?? 1.0,
            BadWordsIds = Get("bad_words_ids") is JsonArray bad ? [.. bad.Select(w => w!.AsArray().Select(t => t!.GetValue<int>()).ToArray())] : [],
            SuppressTokens = Ids(Get("suppress_tokens")),
            BeginSuppressTokens = Ids(Get("begin_suppress_tokens")),
        };
        return result;
    }

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var i) ? i : null;

    private static List<int> Ids(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(n => n!.GetValue<int>())],
        JsonValue value when value.TryGetValue<int>(out var id) => [id],
        _ => [],
    };

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidPipelineInputException(message);
        }
    }
}
