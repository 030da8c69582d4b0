using HfPipelines.Audio;
using HfPipelines.Tasks;
using Whisper.net;

namespace HfPipelines.LlamaCpp.Whisper;

/// <summary>
/// Silero voice activity detection through whisper.cpp (Whisper.net) on a ggml VAD model
/// (e.g. ggml-silero-v6.2.0.bin). Owns the native model; calls are serialised (one native state).
/// </summary>
public sealed class WhisperCppVoiceActivityDetector : IDisposable
{
    private readonly WhisperVadFactory _factory;
    private readonly WhisperVadProcessor _processor;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;

    private WhisperCppVoiceActivityDetector(WhisperVadFactory factory, WhisperVadProcessor processor)
    {
        _factory = factory;
        _processor = processor;
    }

    /// <summary>Loads a ggml Silero VAD model.</summary>
    /// <param name="modelPath">The ggml VAD file.</param>
    /// <param name="threads">Native threads; 0 lets whisper.cpp choose. Not negative.</param>
    /// <returns>The detector; the caller owns it.</returns>
    /// <exception cref="ModelLoadException">The file is missing, not ggml, or refused by whisper.cpp.</exception>
    public static WhisperCppVoiceActivityDetector Create(string modelPath, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        GgmlModelFile.Check(modelPath, "VAD model");
        NativeLog.EnsureInstalled();
        var factory = WhisperVadFactory.FromPath(modelPath);
        try
        {
            var builder = factory.CreateBuilder();
            if (threads > 0)
            {
                builder = builder.WithThreads(threads);
            }

            return new WhisperCppVoiceActivityDetector(factory, builder.Build());
        }
        catch (WhisperModelLoadException ex)
        {
            factory.Dispose();
            throw new ModelLoadException($"whisper.cpp could not load the VAD model '{modelPath}': {ex.Message}", ex);
        }
    }

    /// <summary>Finds the speech segments of an audio input (decoded and resampled to 16 kHz mono first).</summary>
    /// <param name="audio">The audio.</param>
    /// <param name="cancellationToken">Cancels the detection.</param>
    /// <returns>The segments, in time order.</returns>
    public async Task<IReadOnlyList<SpeechSegment>> DetectAsync(AudioInput audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var clip = await AudioDecoder.DecodeAsync(audio, AudioDecoder.DefaultSampleRate, cancellationToken).ConfigureAwait(false);
        return await DetectAsync(clip.Samples, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds the speech segments of 16 kHz mono samples.</summary>
    /// <param name="samples">Samples in [-1, 1] at 16 kHz.</param>
    /// <param name="cancellationToken">Cancels the detection.</param>
    /// <returns>The segments, in time order.</returns>
    public async Task<IReadOnlyList<SpeechSegment>> DetectAsync(float[] samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var segments = new List<SpeechSegment>();
            foreach (var segment in await _processor.DetectSpeechAsync(samples, cancellationToken).ConfigureAwait(false))
            {
                segments.Add(new SpeechSegment(segment.Start, segment.End));
            }

            return segments;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _processor.Dispose();
            _factory.Dispose();
            _gate.Dispose();
        }
    }
}
