using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Speech.Whisper;

/// <summary>
/// automatic-speech-recognition with Whisper, as transformers' pipeline: audio is decoded and resampled to
/// 16 kHz, cut into 30-second windows (or <c>chunk_length_s</c> windows overlapping by <c>stride_length_s</c>),
/// turned into log-mel features, transcribed, and the windows are merged without doubled or lost words at the
/// seams. Results: <c>text</c>, and <c>chunks</c> with <c>[start, end]</c> timestamps when asked for.
/// Audio longer than 30 s is chunked with 30-second windows when no chunk length is given.
/// </summary>
public sealed class WhisperSpeechRecognitionPipeline : IPipeline<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>
{
    /// <summary>Whisper's sample rate.</summary>
    public const int SampleRate = 16_000;

    private const double WindowSeconds = WhisperAudioWindows.WindowSeconds;
    private readonly WhisperModel _model;
    private readonly Func<AudioInput, CancellationToken, IAsyncEnumerable<float[]>> _readAudio;
    private readonly Func<float[], float[]> _features;

    /// <summary>Creates the pipeline from a loader of whole clips (the audio is held whole; see the streaming overload).</summary>
    /// <param name="model">The Whisper model (owned from now on).</param>
    /// <param name="loadAudio">Decodes an input to mono samples at 16 kHz.</param>
    /// <param name="features">Log-mel features of up to 30 s of 16 kHz samples, padded to 30 s: [mel bins x 3000] row-major.</param>
    public WhisperSpeechRecognitionPipeline(WhisperModel model, Func<AudioInput, CancellationToken, Task<float[]>> loadAudio, Func<float[], float[]> features)
        : this(model, Whole(loadAudio ?? throw new ArgumentNullException(nameof(loadAudio))), features)
    {
    }

    /// <summary>Creates the pipeline from a streaming decoder: only about one window of audio is in memory at a time.</summary>
    /// <param name="model">The Whisper model (owned from now on).</param>
    /// <param name="readAudio">Decodes an input to blocks of mono samples at 16 kHz, in order.</param>
    /// <param name="features">Log-mel features of up to 30 s of 16 kHz samples, padded to 30 s: [mel bins x 3000] row-major.</param>
    public WhisperSpeechRecognitionPipeline(WhisperModel model, Func<AudioInput, CancellationToken, IAsyncEnumerable<float[]>> readAudio, Func<float[], float[]> features)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(readAudio);
        ArgumentNullException.ThrowIfNull(features);
        _model = model;
        _readAudio = readAudio;
        _features = features;
    }

    /// <inheritdoc />
    public string Task => PipelineTasks.AutomaticSpeechRecognition;

    /// <inheritdoc />
    public async Task<SpeechRecognitionResult> RunAsync(AudioInput input, SpeechRecognitionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new SpeechRecognitionOptions();
        var translate = options.Task switch
        {
            "transcribe" => false,
            "translate" => true,
            _ => throw new InvalidPipelineInputException($"Unknown Whisper task '{options.Task}': use transcribe or translate."),
        };
        var windows = WhisperAudioWindows.ReadAsync(_readAudio(input, cancellationToken), options, cancellationToken);
        string? language = options.Language;
        var tokens = new List<IReadOnlyList<int>>();
        var chunks = new List<SpeechChunk>();
        await foreach (var (start, samples, strideLeft, strideRight) in windows.ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = samples.Length;
            var features = _features(samples);
            var (generated, used) = _model.TranscribeWindow(features, language, translate, options.ReturnTimestamps, cancellationToken);
            language ??= used;
            tokens.Add([.. generated.Where(t => t < _model.Tokens.EndOfText)]);
            if (options.ReturnTimestamps)
            {
                chunks.AddRange(KeepInside(WhisperOutput.Segments(generated, _model.Tokens, _model.Tokenizer, (double)start / SampleRate), start, length, strideLeft, strideRight));
            }
        }

        var text = options.ReturnTimestamps
            ? string.Concat(chunks.Select(c => c.Text))
            : _model.Tokenizer.Decode(WhisperOutput.MergeOverlapping(tokens), skipSpecialTokens: true);
        return new SpeechRecognitionResult
        {
            Text = text,
            Chunks = options.ReturnTimestamps ? chunks : null,
            Language = options.ReturnLanguage ? language : null,
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeechRecognitionResult>> RunBatchAsync(IReadOnlyList<AudioInput> inputs, SpeechRecognitionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var results = new List<SpeechRecognitionResult>(inputs.Count);
        foreach (var input in inputs)
        {
            results.Add(await RunAsync(input, options, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    /// <summary>The windows over <paramref name="total"/> samples, as transformers' <c>chunk_iter</c> (what <see cref="WhisperAudioWindows"/> streams).</summary>
    internal static List<(int Start, int Length, int StrideLeft, int StrideRight)> Windows(int total, SpeechRecognitionOptions options)
    {
        var chunkSeconds = options.ChunkLengthSeconds > 0 ? options.ChunkLengthSeconds : total > WindowSeconds * SampleRate ? WindowSeconds : 0;
        if (chunkSeconds <= 0)
        {
            return [(0, total, 0, 0)];
        }

        var (chunk, stride) = WhisperAudioWindows.Sizes(chunkSeconds, options.StrideLengthSeconds);
        var windows = new List<(int, int, int, int)>();
        for (var start = 0; start < total; start += chunk - (2 * stride))
        {
            var end = Math.Min(start + chunk, total);
            var isLast = end >= total;
            windows.Add((start, end - start, start == 0 ? 0 : stride, isLast ? 0 : stride));
            if (isLast)
            {
                break;
            }
        }

        return windows;
    }

    private static Func<AudioInput, CancellationToken, IAsyncEnumerable<float[]>> Whole(Func<AudioInput, CancellationToken, Task<float[]>> loadAudio) =>
        (input, cancellationToken) => Once(loadAudio(input, cancellationToken));

    private static async IAsyncEnumerable<float[]> Once(Task<float[]> samples)
    {
        yield return await samples.ConfigureAwait(false);
    }

    // With overlapping windows, each segment is kept by the window where it starts outside the strides.
    private static IEnumerable<SpeechChunk> KeepInside(List<SpeechChunk> segments, long start, int length, int strideLeft, int strideRight)
    {
        var from = (double)(start + strideLeft) / SampleRate;
        var to = (double)(start + length - strideRight) / SampleRate;
        return segments.Where(s => s.Timestamp[0] is not { } begin || (begin >= from && (strideRight == 0 || begin < to)));
    }
}
