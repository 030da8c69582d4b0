using HfPipelines.Seq2Seq;

namespace HfPipelines.Speech.Whisper;

/// <summary>
/// The encoder-decoder runtime under a <see cref="WhisperModel"/>: it runs the encoder on one window of log-mel
/// features and then the decoder, step by step, for the model's greedy search. Built in: Hugging Face ONNX exports on
/// ONNX Runtime (<see cref="WhisperModel(HfPipelines.Seq2Seq.Onnx.OnnxSeq2SeqModel, HfPipelines.Tokenization.ITextTokenizer, Seq2SeqGenerationConfig, System.Text.Json.Nodes.JsonObject, IReadOnlyList{ValueTuple{int, int}})"/>);
/// the HfPipelines.OnnxGenAI package adds ONNX Runtime GenAI model folders. Implementations must allow concurrent sessions.
/// </summary>
public interface IWhisperEngine : IDisposable
{
    /// <summary>How many decoder layers report their cross attention (layers 0 to this - 1); 0 when the model reports none,
    /// so word timestamps cannot be computed.</summary>
    int CrossAttentionLayers { get; }

    /// <summary>What a user should do to get cross attentions from this kind of model (said when word timestamps are
    /// asked of a model without them).</summary>
    string CrossAttentionHelp { get; }

    /// <summary>The name of the decoder output that carries a layer's cross attention (for messages).</summary>
    /// <param name="layer">The decoder layer.</param>
    /// <returns>The output name, e.g. <c>cross_attentions.0</c>.</returns>
    string CrossAttentionOutputName(int layer);

    /// <summary>Runs the encoder on one window and starts a greedy (one row) decoder session over it.</summary>
    /// <param name="features">Log-mel features, row-major.</param>
    /// <param name="dimensions">Their shape: [1, mel bins, frames].</param>
    /// <param name="observer">When not null, shown every decoder run's cross attention, layer by layer, as attention
    /// weights (each row sums to 1 over the encoder frames).</param>
    /// <returns>The session; dispose it when the window is done.</returns>
    ISeq2SeqSession Start(float[] features, int[] dimensions, WhisperCrossAttentionObserver? observer);

    /// <summary>Runs the encoder on one window and starts a beam-search session of <paramref name="beams"/> rows over it
    /// (no cross attentions are observed). The default supports one row only and says so for more.</summary>
    /// <param name="features">Log-mel features, row-major.</param>
    /// <param name="dimensions">Their shape: [1, mel bins, frames].</param>
    /// <param name="beams">Rows of the decoder (the beam width).</param>
    /// <returns>The session; dispose it when the window is done.</returns>
    /// <exception cref="InvalidPipelineInputException">The runtime decodes one row only and more were asked for.</exception>
    ISeq2SeqSession Start(float[] features, int[] dimensions, int beams) => beams == 1
        ? Start(features, dimensions, (WhisperCrossAttentionObserver?)null)
        : throw new InvalidPipelineInputException($"This Whisper runtime ({GetType().Name}) decodes greedily only; num_beams {beams} needs the ONNX Runtime backend (a Hugging Face ONNX export). Use num_beams 1.");
}

/// <summary>Sees one decoder layer's cross attention weights of one decoder run.</summary>
/// <param name="layer">The decoder layer.</param>
/// <param name="weights">Row-major [heads, positions, frames] weights (valid only during the call).</param>
/// <param name="heads">Attention heads.</param>
/// <param name="positions">Decoder positions in the run.</param>
/// <param name="frames">Encoder frames.</param>
/// <param name="firstPosition">The decoder position of the run's first row.</param>
public delegate void WhisperCrossAttentionObserver(int layer, ReadOnlySpan<float> weights, int heads, int positions, int frames, int firstPosition);
