namespace HfPipelines.Speech.Whisper;

/// <summary>Which timestamps a transcript carries (transformers' <c>return_timestamps</c>: false, true or "word").</summary>
internal enum WhisperTimestampMode
{
    /// <summary>Text only.</summary>
    None,

    /// <summary>Segments between timestamp tokens.</summary>
    Segments,

    /// <summary>Words, timed from the cross attentions.</summary>
    Words,
}
