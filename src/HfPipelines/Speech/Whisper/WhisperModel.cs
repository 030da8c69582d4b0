using System.Text.Json.Nodes;
using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Speech.Whisper;

/// <summary>
/// A Whisper model with its tokenizer: 30-second windows of log-mel features in, token sequences out, with the
/// Whisper prompt (language given or detected, transcribe or translate, timestamps on or off) and the suppress-token
/// and timestamp rules of its generation config. The encoder-decoder runs on an <see cref="IWhisperEngine"/>: a
/// Hugging Face ONNX export (encoder + decoder, merged or with past, as in the Xenova and onnx-community repos) on
/// ONNX Runtime, or an ONNX Runtime GenAI folder (HfPipelines.OnnxGenAI). Owns the engine; thread-safe.
/// </summary>
public sealed class WhisperModel : IDisposable
{
    private readonly IWhisperEngine _engine;
    private readonly int _maxInitialTimestampIndex;

    /// <summary>Creates the model from loaded parts.</summary>
    /// <param name="model">The encoder-decoder (owned from now on).</param>
    /// <param name="tokenizer">The Whisper tokenizer.</param>
    /// <param name="generation">Generation settings (suppress tokens, max length ...).</param>
    /// <param name="config">config.json (for <c>num_mel_bins</c>, <c>median_filter_width</c> ...).</param>
    /// <param name="alignmentHeads">The (layer, head) pairs of cross attention that follow the audio, from
    /// generation_config.json's <c>alignment_heads</c> (see <see cref="ReadAlignmentHeads"/>); needed for word timestamps.</param>
    public WhisperModel(OnnxSeq2SeqModel model, ITextTokenizer tokenizer, Seq2SeqGenerationConfig generation, JsonObject config, IReadOnlyList<(int Layer, int Head)>? alignmentHeads = null)
        : this(new OnnxWhisperEngine(model ?? throw new ArgumentNullException(nameof(model))), tokenizer, generation, config, alignmentHeads)
    {
    }

    /// <summary>Creates the model over any encoder-decoder runtime (e.g. ONNX Runtime GenAI, from the HfPipelines.OnnxGenAI package).</summary>
    /// <param name="engine">The encoder-decoder runtime (owned from now on).</param>
    /// <param name="tokenizer">The Whisper tokenizer.</param>
    /// <param name="generation">Generation settings (suppress tokens, max length ...).</param>
    /// <param name="config">config.json (for <c>num_mel_bins</c>, <c>median_filter_width</c> ...).</param>
    /// <param name="alignmentHeads">The (layer, head) pairs of cross attention that follow the audio; needed for word timestamps.</param>
    public WhisperModel(IWhisperEngine engine, ITextTokenizer tokenizer, Seq2SeqGenerationConfig generation, JsonObject config, IReadOnlyList<(int Layer, int Head)>? alignmentHeads = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(generation);
        ArgumentNullException.ThrowIfNull(config);
        _engine = engine;
        Tokenizer = tokenizer;
        Tokens = WhisperTokens.From(tokenizer);
        Generation = generation;
        Generation.DecoderStartTokenId = Tokens.StartOfTranscript;
        if (Generation.EosTokenIds.Count == 0)
        {
            Generation.EosTokenIds = [Tokens.EndOfText];
        }

        NumMelBins = (int?)config["num_mel_bins"] ?? 80;
        _maxInitialTimestampIndex = (int?)config["max_initial_timestamp_index"] ?? 50;
        MaxTargetPositions = (int?)config["max_target_positions"] ?? 448;
        MedianFilterWidth = (int?)config["median_filter_width"] ?? 7;
        AlignmentHeads = alignmentHeads ?? [];
    }

    /// <summary>The tokenizer.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <summary>The special tokens.</summary>
    public WhisperTokens Tokens { get; }

    /// <summary>The generation settings.</summary>
    public Seq2SeqGenerationConfig Generation { get; }

    /// <summary>Mel bins of the input features (80, or 128 for large-v3).</summary>
    public int NumMelBins { get; }

    /// <summary>Longest decoder sequence.</summary>
    public int MaxTargetPositions { get; }

    /// <summary>The cross-attention heads that follow the audio (generation_config.json's <c>alignment_heads</c>).</summary>
    public IReadOnlyList<(int Layer, int Head)> AlignmentHeads { get; }

    /// <summary>Width of the median filter over cross-attention frames (config.json's <c>median_filter_width</c>, default 7).</summary>
    public int MedianFilterWidth { get; }

    /// <summary>How many decoder layers report cross attention (<c>cross_attentions.N</c> outputs in ONNX exports; 0 for
    /// exports without attention outputs).</summary>
    public int CrossAttentionLayers => _engine.CrossAttentionLayers;

    /// <summary>Whether the model knows several languages (it has language tokens).</summary>
    public bool IsMultilingual => Tokens.Languages.Count > 0;

    /// <summary>Transcribes one 30-second window.</summary>
    /// <param name="features">Log-mel features, [<see cref="NumMelBins"/>, frames] row-major.</param>
    /// <param name="language">Language code, or null to detect it (multilingual models).</param>
    /// <param name="translate">Translate to English instead of transcribing.</param>
    /// <param name="timestamps">Predict timestamp tokens.</param>
    /// <param name="wordTimestampFrames">For word timestamps: how many encoder frames hold the window's audio
    /// (its samples / 320; the rest is padding and is left out of the alignment). Null: no token times.</param>
    /// <param name="cancellationToken">Checked at every decoder step.</param>
    /// <returns>The generated tokens (prompt excluded), their times when asked for, and the language used.</returns>
    /// <exception cref="WhisperWordTimestampsException">Token times were asked of an export that cannot give them.</exception>
    public WhisperWindowResult TranscribeWindow(float[] features, string? language, bool translate, bool timestamps, int? wordTimestampFrames = null, CancellationToken cancellationToken = default) =>
        TranscribeWindow(features, language, translate, timestamps, wordTimestampFrames, new WhisperDecoding(), cancellationToken);

    /// <summary>Transcribes one 30-second window with decoding settings (beams, new-token limit) of the call.</summary>
    /// <param name="features">Log-mel features, [<see cref="NumMelBins"/>, frames] row-major.</param>
    /// <param name="language">Language code, or null to detect it (multilingual models).</param>
    /// <param name="translate">Translate to English instead of transcribing.</param>
    /// <param name="timestamps">Predict timestamp tokens.</param>
    /// <param name="wordTimestampFrames">For word timestamps: how many encoder frames hold the window's audio. Null: no token times.</param>
    /// <param name="decoding">Beam width and new-token limit; null values take the generation config.</param>
    /// <param name="cancellationToken">Checked at every decoder step.</param>
    /// <returns>The generated tokens (prompt excluded), their times when asked for, and the language used.</returns>
    /// <exception cref="WhisperWordTimestampsException">Token times were asked of an export that cannot give them.</exception>
    public WhisperWindowResult TranscribeWindow(float[] features, string? language, bool translate, bool timestamps, int? wordTimestampFrames, WhisperDecoding decoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(decoding);
        var frames = features.Length / NumMelBins;
        if (frames == 0 || features.Length % NumMelBins != 0)
        {
            throw new InvalidPipelineInputException($"Whisper features must be {NumMelBins} mel bins x frames; got {features.Length} values.");
        }

        var beams = decoding.NumBeams ?? Generation.NumBeams;
        WhisperCrossAttentions? attentions = null;
        if (wordTimestampFrames is not null)
        {
            CheckWordTimestamps();
            attentions = new WhisperCrossAttentions(AlignmentHeads, _engine.CrossAttentionOutputName);
        }

        int[] sequence;
        Seq2SeqGenerationConfig config;
        int? languageToken;
        var dimensions = new[] { 1, NumMelBins, frames };
        using (var session = beams == 1 ? _engine.Start(features, dimensions, attentions is null ? null : (WhisperCrossAttentionObserver)attentions.Observe) : _engine.Start(features, dimensions, beams))
        {
            languageToken = ChooseLanguage(session, language, beams);
            config = PromptedConfig(languageToken, translate, timestamps, beams, decoding.MaxNewTokens);
            sequence = Seq2SeqGenerator.Generate(session, 1, config, cancellationToken)[0];
        }

        if (attentions is not null && beams > 1)
        {
            // The cross attentions of the chosen beam: the decoder is causal, so one run over the whole sequence gives each
            // position the attention it had when that beam generated it (transformers gathers them by beam_indices).
            using var replay = _engine.Start(features, dimensions, attentions.Observe);
            replay.Step([sequence[..^1]], null);
        }

        var prompt = config.DecoderPrompt.Count;
        var times = attentions is null ? null : TokenTimes(attentions, sequence.Length, prompt, wordTimestampFrames!.Value);
        var code = languageToken is { } id ? Tokens.Languages.First(l => l.Value == id).Key : null;
        return new WhisperWindowResult(sequence[prompt..], times, code);
    }

    /// <summary>
    /// Whether the prompt's cross-attention rows take part in the alignment (the default, as transformers.js 4.3). False is
    /// transformers 5's <c>weights[:, :, num_input_ids:, :]</c>, which starts the warping path at the first generated
    /// token, so the token after it always starts at 0 s: kept to check that reading against transformers' outputs
    /// (docs/parity.md), not offered as an option.
    /// </summary>
    internal bool PromptRowsInAlignment { get; init; } = true;

    /// <summary>Checks that word timestamps are possible with this export.</summary>
    /// <exception cref="WhisperWordTimestampsException">The decoder has no cross-attention outputs, or
    /// generation_config.json names no alignment heads or heads of layers the decoder does not have; the message says the fix.</exception>
    public void CheckWordTimestamps()
    {
        if (CrossAttentionLayers == 0)
        {
            var outputs = _engine.CrossAttentionOutputName(0)[..^1] + "N";
            throw new WhisperWordTimestampsException(
                $"This Whisper export's decoder has no {outputs} outputs, so word timestamps cannot be computed. {_engine.CrossAttentionHelp}, "
                + "or ask for segment timestamps (return_timestamps=true).");
        }

        if (AlignmentHeads.Count == 0)
        {
            throw new WhisperWordTimestampsException(
                "generation_config.json has no alignment_heads, so word timestamps cannot be computed. Add the [layer, head] pairs of the model size "
                + "(openai/whisper-* repositories list them; see https://gist.github.com/hollance/42e32852f24243b748ae6bc1f985b13a), or ask for segment timestamps (return_timestamps=true).");
        }

        foreach (var (layer, head) in AlignmentHeads)
        {
            if (layer >= CrossAttentionLayers)
            {
                throw new WhisperWordTimestampsException(
                    $"alignment_heads names layer {layer} (head {head}), but the decoder has {_engine.CrossAttentionOutputName(0)} to {_engine.CrossAttentionOutputName(CrossAttentionLayers - 1)}: "
                    + "the alignment_heads in generation_config.json belong to another model size. Use those of this model.");
            }
        }
    }

    /// <summary>Reads generation_config.json's <c>alignment_heads</c> ([[layer, head], ...]).</summary>
    /// <param name="generationConfig">The parsed generation_config.json, or null.</param>
    /// <returns>The pairs; empty when the key is absent.</returns>
    /// <exception cref="ModelLoadException">The key is not a list of non-negative integer pairs.</exception>
    public static IReadOnlyList<(int Layer, int Head)> ReadAlignmentHeads(JsonObject? generationConfig)
    {
        if (generationConfig?["alignment_heads"] is not { } node)
        {
            return [];
        }

        var result = new List<(int, int)>();
        foreach (var pair in node as JsonArray ?? throw new ModelLoadException($"generation_config.json: alignment_heads must be a list of [layer, head] pairs; found {node.ToJsonString()}."))
        {
            if (pair is JsonArray { Count: 2 } p && Index(p[0]) is { } layer && Index(p[1]) is { } head)
            {
                result.Add((layer, head));
            }
            else
            {
                throw new ModelLoadException($"generation_config.json: alignment_heads must be a list of [layer, head] pairs of non-negative integers; found {pair?.ToJsonString() ?? "null"}.");
            }
        }

        return result;

        static int? Index(JsonNode? n) => n is JsonValue v && v.TryGetValue<int>(out var i) && i >= 0 ? i : null;
    }

    /// <inheritdoc />
    public void Dispose() => _engine.Dispose();

    // The time of each generated token: the row where the token before it is the query (token 0: the prompt's last row).
    private double[] TokenTimes(WhisperCrossAttentions attentions, int length, int prompt, int frames)
    {
        if (PromptRowsInAlignment)
        {
            return WhisperAlignment.TokenTimes(attentions.Weights(length - 1, Math.Max(1, frames)), MedianFilterWidth)[prompt..];
        }

        if (length - 1 <= prompt)
        {
            return new double[length - prompt];
        }

        // No frame left (a later seek pass, WhisperSeek.TransformersAlignmentFrames): transformers' warping path then runs
        // down column -1, so every token gets -1 x 0.02 s.
        return frames == 0
            ? [.. Enumerable.Repeat(-WhisperAlignment.TimePrecision, length - prompt)]
            : WhisperAlignment.TokenTimes([.. attentions.Weights(length - 1, frames).Select(h => h[prompt..])], MedianFilterWidth);
    }

    private Seq2SeqGenerationConfig PromptedConfig(int? languageToken, bool translate, bool timestamps, int beams, int? maxNewTokens)
    {
        var config = Generation.Clone();
        config.NumBeams = beams;
        var tail = new List<int>();
        if (languageToken is { } lang)
        {
            tail.Add(lang);
            tail.Add(translate ? Tokens.Translate : Tokens.Transcribe);
        }

        if (!timestamps)
        {
            tail.Add(Tokens.NoTimestamps);
        }

        config.DecoderPromptTail = tail;

        // As transformers 5's generate(): max_length counts the NEW tokens (24 for 24, whatever the prompt), and the
        // decoder never runs past max_target_positions. A max_length of 20 or less is taken as unset (448 in the
        // Whisper checkpoints), as before.
        var limit = MaxTargetPositions - (1 + tail.Count);
        var fromConfig = config.MaxLength > 20 ? config.MaxLength : MaxTargetPositions;
        config.MaxNewTokens = Math.Min(maxNewTokens ?? fromConfig, limit);
        config.CustomProcessor = timestamps ? new WhisperTimestampRules(Tokens, 1 + tail.Count, _maxInitialTimestampIndex).Apply : null;
        return config;
    }

    private int? ChooseLanguage(ISeq2SeqSession session, string? language, int beams)
    {
        if (!IsMultilingual)
        {
            return null;
        }

        if (language is not null)
        {
            var code = language.Trim().Trim('<', '|', '>');
            return Tokens.Languages.TryGetValue(code, out var id) ? id : throw new InvalidPipelineInputException(
                $"Unknown language '{language}' for this Whisper model. Known: {string.Join(", ", Tokens.Languages.Keys)}.");
        }

        // Detect: the likeliest language token after <|startoftranscript|>, from the same encoder run.
        var logits = session.Step([.. Enumerable.Repeat<IReadOnlyList<int>>([Tokens.StartOfTranscript], beams)], null)[0];
        return Tokens.Languages.Values.MaxBy(id => logits[id]);
    }
}
