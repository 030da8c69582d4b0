namespace HfPipelines.LlamaCpp.Whisper;

/// <summary>How a <see cref="WhisperCppSpeechRecognizer"/> is built.</summary>
public sealed class WhisperCppSpeechRecognizerOptions
{
    private int _threads;

    /// <summary>Native threads per transcription; 0 (default) lets whisper.cpp choose. Not negative.</summary>
    public int Threads
    {
        get => _threads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Threads));
            _threads = value;
        }
    }
}
