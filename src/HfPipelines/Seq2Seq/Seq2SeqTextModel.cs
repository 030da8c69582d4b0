using System.Text.Json.Nodes;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Tokenization;

namespace HfPipelines.Seq2Seq;

/// <summary>
/// Text in, text out over an encoder-decoder model: tokenizes (with truncation to the model's limit), pads
/// the batch, runs the encoder, generates, and decodes. Shared by the summarization and translation
/// pipelines. Owns the model; thread-safe (each call runs its own generation session).
/// </summary>
public sealed class Seq2SeqTextModel : IDisposable
{
    private readonly OnnxSeq2SeqModel _model;

    /// <summary>Creates the text model over a loaded model and its tokenizer.</summary>
    /// <param name="model">The model (owned from now on).</param>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <param name="generation">The model's generation settings.</param>
    /// <param name="config">The model's config.json (for T5 task prefixes and the model type).</param>
    public Seq2SeqTextModel(OnnxSeq2SeqModel model, ITextTokenizer tokenizer, Seq2SeqGenerationConfig generation, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(generation);
        ArgumentNullException.ThrowIfNull(config);
        _model = model;
        Tokenizer = tokenizer;
        Generation = generation;
        Config = config;
        MaxInputLength = tokenizer.ModelMaxLength is > 0 and < 100_000 ? tokenizer.ModelMaxLength.Value
            : (int?)config["max_position_embeddings"] ?? (int?)config["n_positions"] ?? 512;
    }

    /// <summary>The tokenizer.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <summary>The model's own generation settings (copied before each call's overrides).</summary>
    public Seq2SeqGenerationConfig Generation { get; }

    /// <summary>The model's config.json.</summary>
    public JsonObject Config { get; }

    /// <summary>The longest input in tokens; longer inputs are truncated.</summary>
    public int MaxInputLength { get; }

    /// <summary>The model type from config.json (<c>t5</c>, <c>bart</c>, <c>marian</c>, <c>m2m_100</c>, <c>mbart</c> ...).</summary>
    public string ModelType => (string?)Config["model_type"] ?? string.Empty;

    /// <summary>Generates one text per input.</summary>
    /// <param name="inputs">Encoded inputs (ids with special tokens; longer ones are truncated here).</param>
    /// <param name="generation">The settings of this call.</param>
    /// <param name="cancellationToken">Checked at every decoder step.</param>
    /// <returns>The decoded texts, special tokens skipped.</returns>
    public IReadOnlyList<string> Generate(IReadOnlyList<int[]> inputs, Seq2SeqGenerationConfig generation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(generation);
        var pad = Generation.PadTokenId;
        var truncated = inputs.Select(Truncate).ToList();
        var width = truncated.Max(i => i.Length);
        var ids = truncated.Select(i => i.Select(t => (long)t).Concat(Enumerable.Repeat((long)pad, width - i.Length)).ToArray()).ToArray();
        var mask = truncated.Select(i => Enumerable.Repeat(1L, i.Length).Concat(Enumerable.Repeat(0L, width - i.Length)).ToArray()).ToArray();
        using var session = _model.Start(ids, mask, generation.NumBeams);
        var sequences = Seq2SeqGenerator.Generate(session, inputs.Count, generation, cancellationToken);
        return [.. sequences.Select(s => Tokenizer.Decode(s.Select(t => t), skipSpecialTokens: true).Trim())];
    }

    /// <summary>Encodes a text for the encoder (special tokens added).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The ids.</returns>
    public int[] Encode(string text) => Tokenizer.Encode(text).Ids;

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private int[] Truncate(int[] ids)
    {
        if (ids.Length <= MaxInputLength)
        {
            return ids;
        }

        // Keep the end-of-sequence token the tokenizer put last.
        var kept = ids[..(MaxInputLength - 1)];
        return [.. kept, ids[^1]];
    }
}
