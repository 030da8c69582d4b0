namespace HfPipelines.Tasks;

/// <summary>Options of automatic-speech-recognition (transformers <c>AutomaticSpeechRecognitionPipeline</c>).</summary>
public sealed class SpeechRecognitionOptions
{
    /// <summary>Return segment timestamps (<c>true</c>) or none. Default false.</summary>
    public bool ReturnTimestamps { get; set; }

    /// <summary>Return word-level timestamps where the model allows.</summary>
    public bool WordTimestamps { get; set; }

    /// <summary>Return the detected or given language.</summary>
    public bool ReturnLanguage { get; set; }

    /// <summary>Chunk length in seconds for long audio; 0 means the model's window (30 s for Whisper) with no chunking.</summary>
    public double ChunkLengthSeconds { get; set; }

    /// <summary>Stride on each side of a chunk, in seconds; null is chunk length / 6, as in Python.</summary>
    public double? StrideLengthSeconds { get; set; }

    /// <summary>The spoken language (e.g. <c>en</c>); null detects it.</summary>
    public string? Language { get; set; }

    /// <summary><c>transcribe</c> or <c>translate</c> (to English). Default transcribe.</summary>
    public string Task { get; set; } = "transcribe";
}
