namespace HfPipelines.Speech.Whisper;

/// <summary>Per-call decoding settings of a <see cref="WhisperModel"/> window (Python's <c>generate_kwargs</c>); null
/// values take the model's generation config.</summary>
public sealed class WhisperDecoding
{
    /// <summary>Beam width (<c>num_beams</c>); 1 is greedy. Null: the generation config's (greedy for the Whisper
    /// checkpoints; transformers 5's pipeline passes 5 of its own, see docs/parity.md).</summary>
    public int? NumBeams { get; init; }

    /// <summary>Most new tokens per window (<c>max_new_tokens</c>), capped by <see cref="WhisperModel.MaxTargetPositions"/>.
    /// Null: the generation config's <c>max_length</c>, read as a number of new tokens as transformers 5 does.</summary>
    public int? MaxNewTokens { get; init; }
}
