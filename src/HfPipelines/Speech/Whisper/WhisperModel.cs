using System.Text.Json.Nodes;
using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Speech.Whisper;

/// <summary>
/// A Whisper Hugging Face ONNX export (encoder + decoder, merged or with past, as in the Xenova and
/// onnx-community repos) with its tokenizer: 30-second windows of log-mel features in, token sequences out,
/// with the Whisper prompt (language given or detected, transcribe or translate, timestamps on or off) and
/// the suppress-token and timestamp rules of its generation config. Owns the ONNX model; thread-safe.
/// </summary>
public sealed class WhisperModel : IDisposable
{
    private readonly OnnxSeq2SeqModel _model;
    private readonly int _maxInitialTimestampIndex;

    /// <summary>Creates the model from loaded parts.</summary>
    /// <param name="model">The encoder-decoder (owned from now on).</param>
    /// <param name="tokenizer">The Whisper tokenizer.</param>
    /// <param name="generation">Generation settings (suppress tokens, max length ...).</param>
    /// <param name="config">config.json (for <c>num_mel_bins</c>).</param>
    public WhisperModel(OnnxSeq2SeqModel model, ITextTokenizer tokenizer, Seq2SeqGenerationConfig generation, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(generation);
        ArgumentNullException.ThrowIfNull(config);
        _model = model;
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

    /// <summary>Whether the model knows several languages (it has language tokens).</summary>
    public bool IsMultilingual => Tokens.Languages.Count > 0;

    /// <summary>Transcribes one 30-second window.</summary>
    /// <param name="features">Log-mel features, [<see cref="NumMelBins"/>, frames] row-major.</param>
    /// <param name="language">Language code, or null to detect it (multilingual models).</param>
    /// <param name="translate">Translate to English instead of transcribing.</param>
    /// <param name="timestamps">Predict timestamp tokens.</param>
    /// <param name="cancellationToken">Checked at every decoder step.</param>
    /// <returns>The generated tokens (prompt excluded) and the language used.</returns>
    public (int[] Tokens, string? Language) TranscribeWindow(float[] features, string? language, bool translate, bool timestamps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        var frames = features.Length / NumMelBins;
        if (frames == 0 || features.Length % NumMelBins != 0)
        {
            throw new InvalidPipelineInputException($"Whisper features must be {NumMelBins} mel bins x frames; got {features.Length} values.");
        }

        using var session = _model.StartWithFeatures(features, [1, NumMelBins, frames]);
        var languageToken = ChooseLanguage(session, language);
        var config = Generation.Clone();
        config.NumBeams = 1;
        config.MaxLength = Math.Min(config.MaxLength > 20 ? config.MaxLength : MaxTargetPositions, MaxTargetPositions);
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
        config.CustomProcessor = timestamps ? new WhisperTimestampRules(Tokens, 1 + tail.Count, _maxInitialTimestampIndex).Apply : null;
        var sequence = Seq2SeqGenerator.Generate(session, 1, config, cancellationToken)[0];
        var code = languageToken is { } id ? Tokens.Languages.First(l => l.Value == id).Key : null;
        return (sequence[(1 + tail.Count)..], code);
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private int? ChooseLanguage(ISeq2SeqSession session, string? language)
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
        var logits = session.Step([[Tokens.StartOfTranscript]], null)[0];
        return Tokens.Languages.Values.MaxBy(id => logits[id]);
    }
}
