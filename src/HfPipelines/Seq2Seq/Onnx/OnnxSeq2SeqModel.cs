using HfPipelines.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace HfPipelines.Seq2Seq.Onnx;

/// <summary>
/// A Hugging Face ONNX export of an encoder-decoder model (Optimum layout): <c>encoder_model.onnx</c> with
/// <c>decoder_model_merged.onnx</c> (<c>use_cache_branch</c>), or <c>decoder_model.onnx</c> plus
/// <c>decoder_with_past_model.onnx</c>, or <c>decoder_model.onnx</c> alone (no cache: the whole decoder
/// sequence is fed at every step). Files may sit in the folder or in <c>onnx/</c>. Loaded once; sessions are
/// safe to share between concurrent generations, and disposing lets the runs in progress finish (<see cref="OnnxSession"/>).
/// A failed run is an <see cref="InferenceException"/>.
/// </summary>
public sealed class OnnxSeq2SeqModel : IDisposable
{
    private readonly OnnxSession _encoder;
    private readonly OnnxSession _decoder;
    private readonly OnnxSession? _decoderWithPast;

    private OnnxSeq2SeqModel(OnnxSession encoder, OnnxSession decoder, OnnxSession? decoderWithPast, DecoderKind kind)
    {
        _encoder = encoder;
        _decoder = decoder;
        _decoderWithPast = decoderWithPast;
        Kind = kind;
        Layout = new DecoderLayout(decoder, decoderWithPast ?? decoder);
        DecoderOutputs = [.. decoder.OutputMetadata.Keys.Where(name => decoderWithPast is null || decoderWithPast.OutputMetadata.ContainsKey(name))];
    }

    /// <summary>Which decoder files the model runs with.</summary>
    public DecoderKind Kind { get; }

    internal DecoderLayout Layout { get; }

    /// <summary>The decoder's output names (for the with-past layout, those both decoders have), e.g. <c>logits</c>,
    /// <c>present.*</c>, and <c>cross_attentions.N</c> in exports made with attention outputs.</summary>
    public IReadOnlyList<string> DecoderOutputs { get; }

    /// <summary>Loads a model folder.</summary>
    /// <param name="modelFolder">The folder.</param>
    /// <param name="options">Session options (borrowed); null for ONNX Runtime's defaults.</param>
    /// <param name="useCache">Use the key/value cache when the export has one. Default true.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelLoadException">A file is missing or the graphs do not have the export's inputs.</exception>
    public static OnnxSeq2SeqModel Load(string modelFolder, SessionOptions? options = null, bool useCache = true)
    {
        var encoderPath = Find(modelFolder, "encoder_model")
            ?? throw new ModelLoadException($"No encoder_model.onnx in '{modelFolder}' (or its onnx/ folder): an encoder-decoder export needs encoder_model.onnx and a decoder.");
        var merged = Find(modelFolder, "decoder_model_merged");
        var plain = Find(modelFolder, "decoder_model");
        var withPast = Find(modelFolder, "decoder_with_past_model");
        if (merged is null && plain is null)
        {
            throw new ModelLoadException($"No decoder in '{modelFolder}': expected decoder_model_merged.onnx, or decoder_model.onnx (with decoder_with_past_model.onnx for the cache).");
        }

        var sessions = new List<OnnxSession>();
        try
        {
            OnnxSession Open(string path)
            {
                var session = OnnxFiles.Open(path, options);
                sessions.Add(session);
                return session;
            }

            var encoder = Open(encoderPath);
            if (!encoder.InputMetadata.ContainsKey("input_features"))
            {
                OnnxFiles.RequireInputs(encoder, encoderPath, "input_ids");
            }

            if (useCache && merged is not null)
            {
                return new OnnxSeq2SeqModel(encoder, Open(merged), null, DecoderKind.Merged);
            }

            var decoder = Open(plain ?? merged!);
            var kind = useCache && withPast is not null ? DecoderKind.WithPast : DecoderKind.NoCache;
            return new OnnxSeq2SeqModel(encoder, decoder, kind == DecoderKind.WithPast ? Open(withPast!) : null, plain is null ? DecoderKind.Merged : kind);
        }
        catch
        {
            foreach (var session in Enumerable.Reverse(sessions))
            {
                session.Dispose();
            }

            throw;
        }
    }

    /// <summary>Runs the encoder on a padded batch and starts a generation session over it.</summary>
    /// <param name="inputIds">Token ids, one padded row per input.</param>
    /// <param name="attentionMask">1 for real tokens, 0 for padding.</param>
    /// <param name="beams">Rows per input in the decoder (the beam width).</param>
    /// <returns>The session; dispose it when the generation ends.</returns>
    public ISeq2SeqSession Start(long[][] inputIds, long[][] attentionMask, int beams = 1)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(attentionMask);
        ArgumentOutOfRangeException.ThrowIfLessThan(beams, 1);
        var encoded = EncoderRun.Run(_encoder, inputIds, attentionMask);
        return new OnnxSeq2SeqSession(this, encoded.Expand(beams), rowsPerInput: beams);
    }

    /// <summary>Runs the encoder on audio features (Whisper's <c>input_features</c>) and starts a generation session.</summary>
    /// <param name="features">The features, row-major.</param>
    /// <param name="dimensions">Their shape, e.g. [batch, 80, 3000].</param>
    /// <param name="beams">Rows per input in the decoder (the beam width).</param>
    /// <returns>The session; dispose it when the generation ends.</returns>
    public ISeq2SeqSession StartWithFeatures(float[] features, int[] dimensions, int beams = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentOutOfRangeException.ThrowIfLessThan(beams, 1);
        var encoded = EncoderRun.RunFeatures(_encoder, features, dimensions);
        return new OnnxSeq2SeqSession(this, encoded.Expand(beams), rowsPerInput: beams);
    }

    /// <summary>As <see cref="StartWithFeatures(float[], int[], int)"/> for one greedy row, with every decoder run's
    /// outputs shown to <paramref name="observer"/> (Whisper reads its cross attentions there).</summary>
    internal ISeq2SeqSession StartWithFeatures(float[] features, int[] dimensions, DecoderOutputObserver observer)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(dimensions);
        return new OnnxSeq2SeqSession(this, EncoderRun.RunFeatures(_encoder, features, dimensions), observer);
    }

    internal OnnxSession DecoderFor(bool firstStep) =>
        Kind == DecoderKind.WithPast && !firstStep ? _decoderWithPast! : _decoder;

    /// <inheritdoc />
    public void Dispose()
    {
        _decoderWithPast?.Dispose();
        _decoder.Dispose();
        _encoder.Dispose();
    }

    private static string? Find(string folder, string name)
    {
        foreach (var candidate in new[] { Path.Combine(folder, name + ".onnx"), Path.Combine(folder, "onnx", name + ".onnx") })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
