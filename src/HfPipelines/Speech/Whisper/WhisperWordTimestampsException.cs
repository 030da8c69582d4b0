namespace HfPipelines.Speech.Whisper;

/// <summary>
/// Word timestamps (<c>return_timestamps="word"</c>) were asked of a Whisper export that cannot give them: its
/// decoder has no <c>cross_attentions.N</c> outputs (it was exported without attention outputs), or its
/// <c>generation_config.json</c> names no <c>alignment_heads</c>, or names heads the export does not have. The
/// message says which, and the fix. A model problem rather than bad input, so a fallback may try another backend.
/// </summary>
public sealed class WhisperWordTimestampsException : ModelLoadException
{
    /// <summary>Creates an exception with no message.</summary>
    public WhisperWordTimestampsException()
    {
    }

    /// <summary>Creates an exception with a message that names the problem and the fix.</summary>
    /// <param name="message">The message.</param>
    public WhisperWordTimestampsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WhisperWordTimestampsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
