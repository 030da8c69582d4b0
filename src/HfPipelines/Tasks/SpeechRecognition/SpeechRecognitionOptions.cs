using System.Text.Json.Serialization;

namespace HfPipelines.Tasks;

/// <summary>Options of automatic-speech-recognition (transformers <c>AutomaticSpeechRecognitionPipeline</c>).</summary>
public sealed class SpeechRecognitionOptions
{
    /// <summary>Return segment timestamps (Python's <c>return_timestamps=True</c>) or none. Default false.</summary>
    public bool ReturnTimestamps { get; set; }

    /// <summary>Return words with their timestamps as the chunks (Python's <c>return_timestamps="word"</c>); wins over
    /// <see cref="ReturnTimestamps"/>. Whisper ONNX exports need <c>cross_attentions.N</c> decoder outputs and
    /// <c>alignment_heads</c> in generation_config.json (the <c>*_timestamped</c> repositories); otherwise the call fails
    /// with a typed error naming the fix. Default false.</summary>
    public bool WordTimestamps { get; set; }

    /// <summary>Return the detected or given language.</summary>
    public bool ReturnLanguage { get; set; }

    /// <summary>Chunk length in seconds for long audio; 0 means the model's window (30 s for Whisper) with no chunking.</summary>
    [JsonPropertyName("chunk_length_s")]
    public double ChunkLengthSeconds { get; set; }

    /// <summary>Stride on each side of a chunk, in seconds; null is chunk length / 6, as in Python.</summary>
    [JsonPropertyName("stride_length_s")]
    public double? StrideLengthSeconds { get; set; }

    /// <summary>The spoken language (e.g. <c>en</c>); null detects it.</summary>
    public string? Language { get; set; }

    /// <summary><c>transcribe</c> or <c>translate</c> (to English). Default transcribe.</summary>
    public string Task { get; set; } = "transcribe";

    /// <summary>Beam width (<c>generate_kwargs={"num_beams": N}</c>); 1 is greedy. Null: the model's generation config
    /// (greedy for the Whisper checkpoints, as transformers.js; transformers 5.17's pipeline passes 5 of its own).</summary>
    [JsonPropertyName("num_beams")]
    public int? NumBeams { get; set; }

    /// <summary>Most new tokens per window (Python's <c>max_new_tokens</c>). Null: generation_config.json's
    /// <c>max_length</c>, counted in new tokens as transformers 5's <c>generate()</c> does.</summary>
    [JsonPropertyName("max_new_tokens")]
    public int? MaxNewTokens { get; set; }
}
