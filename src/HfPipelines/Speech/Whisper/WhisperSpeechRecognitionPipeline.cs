using HfPipelines.Audio;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Speech.Whisper;

/// <summary>
/// automatic-speech-recognition with Whisper, as transformers' pipeline: audio is decoded and resampled to
/// 16 kHz, cut into 30-second windows (or <c>chunk_length_s</c> windows overlapping by <c>stride_length_s</c>),
/// turned into log-mel features, transcribed, and the windows' tokens are merged as transformers' <c>_decode_asr</c>
/// does, so words at the seams are neither doubled nor lost and timestamps run on across windows. Results:
/// <c>text</c>, and <c>chunks</c> with <c>[start, end]</c> timestamps when asked for: segments
/// (<see cref="SpeechRecognitionOptions.ReturnTimestamps"/>) or words (<see cref="SpeechRecognitionOptions.WordTimestamps"/>,
/// timed from the decoder's cross attentions; needs an export with <c>cross_attentions.N</c> outputs and
/// <c>alignment_heads</c>). Audio longer than 30 s is chunked with 30-second windows when no chunk length is given.
/// </summary>
public sealed class WhisperSpeechRecognitionPipeline : IPipeline<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>
{
    /// <summary>Whisper's sample rate.</summary>
    public const int SampleRate = 16_000;

    private const double WindowSeconds = WhisperAudioWindows.WindowSeconds;
    private const int HopLength = 160;
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

    /// <summary>
    /// Creates the pipeline for a model folder with the library's streaming audio decoder (WAV, FLAC, MP3, resampled to
    /// 16 kHz) and a log-mel extractor set by the folder's preprocessor_config.json, or for the model's mel bins when it
    /// has none.
    /// </summary>
    /// <param name="model">The Whisper model (owned from now on).</param>
    /// <param name="modelFolder">The folder the model came from.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="ModelLoadException">preprocessor_config.json is not valid.</exception>
    public static WhisperSpeechRecognitionPipeline Create(WhisperModel model, string modelFolder)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(modelFolder);
        var processor = Path.Combine(modelFolder, "preprocessor_config.json");
        var features = new WhisperFeatureExtractor(File.Exists(processor)
            ? WhisperFeatureExtractorOptions.Load(processor)
            : new WhisperFeatureExtractorOptions { FeatureSize = model.NumMelBins });
        return new WhisperSpeechRecognitionPipeline(
            model,
            (input, ct) => AudioDecoder.ReadChunksAsync(input, SampleRate, cancellationToken: ct),
            samples => features.Extract(samples));
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
        if (options.NumBeams is < 1 || options.MaxNewTokens is < 1)
        {
            throw new InvalidPipelineInputException($"automatic-speech-recognition: num_beams and max_new_tokens must be at least 1; got {options.NumBeams?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} and {options.MaxNewTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}.");
        }

        var mode = options.WordTimestamps ? WhisperTimestampMode.Words : options.ReturnTimestamps ? WhisperTimestampMode.Segments : WhisperTimestampMode.None;
        if (mode == WhisperTimestampMode.Words)
        {
            _model.CheckWordTimestamps();
        }

        var decoding = new WhisperDecoding { NumBeams = options.NumBeams, MaxNewTokens = options.MaxNewTokens };

        // Windows are cut as the audio is decoded: about one window of samples is in memory at a time.
        var outputs = new List<WhisperWindowOutput>();
        var language = options.Language;
        var windows = WhisperAudioWindows.ReadAsync(_readAudio(input, cancellationToken), options, cancellationToken);
        await foreach (var (_, samples, strideLeft, strideRight) in windows.ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (samples.Length == 0)
            {
                throw new InvalidPipelineInputException("The audio holds no samples.");
            }

            var length = samples.Length;
            var features = _features(samples);

            // As transformers: the alignment covers the frames that hold audio (samples / hop length feature frames, half as
            // many encoder frames; a later seek pass under transformers 5's alignment: WhisperSeek.TransformersAlignmentFrames).
            int? audioFrames = mode == WhisperTimestampMode.Words ? length / HopLength : null;
            var window = mode == WhisperTimestampMode.None
                ? _model.TranscribeWindow(features, language, translate, false, null, decoding, cancellationToken)
                : TranscribeSegments(features, language, translate, audioFrames, decoding, cancellationToken);
            language ??= window.Language;
            outputs.Add(new WhisperWindowOutput(window.Tokens, window.TokenTimes, Seconds(length), Seconds(strideLeft), Seconds(strideRight), window.Language));
        }

        var (text, chunks) = WhisperAsrDecoder.Decode(outputs, _model.Tokens, _model.Tokenizer, mode);
        return new SpeechRecognitionResult
        {
            Text = text,
            Chunks = chunks,
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

    /// <summary>
    /// One window with timestamps, as transformers' <c>generate()</c> decodes it (<see cref="WhisperSeek"/>): passes from
    /// where the last whole segment ended until the window is consumed; the kept tokens (and their times, offset by
    /// where each pass started) are concatenated.
    /// </summary>
    private WhisperWindowResult TranscribeSegments(float[] features, string? language, bool translate, int? audioFrames, WhisperDecoding decoding, CancellationToken cancellationToken)
    {
        var melBins = _model.NumMelBins;
        var frames = features.Length / melBins;
        var tokens = new List<int>();
        List<double>? times = audioFrames is null ? null : [];
        var seek = 0;
        while (seek < frames)
        {
            var end = Math.Min(frames, seek + WhisperSeek.WindowFrames);
            var input = seek == 0 && frames == WhisperSeek.WindowFrames ? features : WhisperSeek.Slice(features, melBins, seek, end);
            var alignmentFrames = audioFrames is not { } audio ? (int?)null
                : _model.PromptRowsInAlignment ? audio / WhisperSeek.FramesPerTimestamp : WhisperSeek.TransformersAlignmentFrames(audio, seek);
            var pass = _model.TranscribeWindow(input, language, translate, true, alignmentFrames, decoding, cancellationToken);
            language ??= pass.Language;
            var generated = pass.Tokens.Count > 0 && pass.Tokens[^1] == _model.Tokens.EndOfText ? pass.Tokens.Count - 1 : pass.Tokens.Count;
            var (kept, consumed) = WhisperSeek.Retrieve([.. pass.Tokens.Take(generated)], _model.Tokens.TimestampBegin, end - seek);
            tokens.AddRange(pass.Tokens.Take(kept));
            times?.AddRange(pass.TokenTimes!.Take(kept).Select(t => t + (seek * WhisperSeek.SecondsPerFrame)));
            seek += consumed;
        }

        return new WhisperWindowResult(tokens, times, language);
    }

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

    private static double Seconds(int samples) => (double)samples / SampleRate;
}
