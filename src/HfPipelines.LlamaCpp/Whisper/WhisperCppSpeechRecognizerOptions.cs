namespace HfPipelines.LlamaCpp.Whisper;

/// <summary>How a <see cref="WhisperCppSpeechRecognizer"/> is built.</summary>
public sealed class WhisperCppSpeechRecognizerOptions
{
    private int _threads;
    private int _blockSeconds = 600;

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

    /// <summary>
    /// Long audio is handed to whisper.cpp in blocks of this many seconds (default 600), decoded as they are needed, so
    /// that at most one block of samples (about 38 MB for 10 minutes) is in memory whatever the length; whisper.cpp
    /// windows each block itself and segment times run on across blocks. At least 30.
    /// </summary>
    public int BlockSeconds
    {
        get => _blockSeconds;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 30, nameof(BlockSeconds));
            _blockSeconds = value;
        }
    }
}
