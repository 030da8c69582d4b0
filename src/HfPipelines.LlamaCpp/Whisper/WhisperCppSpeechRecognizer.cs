using HfPipelines.Audio;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Whisper.net;

namespace HfPipelines.LlamaCpp.Whisper;

/// <summary>
/// automatic-speech-recognition on a whisper.cpp ggml model (Whisper.net). The audio is decoded and
/// resampled to 16 kHz mono as it is needed, in blocks of <see cref="WhisperCppSpeechRecognizerOptions.BlockSeconds"/>
/// (bounded memory for hours of audio); whisper.cpp windows each block itself. Owns the native model; thread-safe
/// (each call builds its own processor, which holds the per-call native state).
/// </summary>
public sealed class WhisperCppSpeechRecognizer : IPipeline<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>
{
    private readonly WhisperFactory _factory;
    private readonly WhisperCppSpeechRecognizerOptions _options;
    private int _disposed;

    private WhisperCppSpeechRecognizer(WhisperFactory factory, WhisperCppSpeechRecognizerOptions options)
    {
        _factory = factory;
        _options = options;
    }

    /// <inheritdoc />
    public string Task => PipelineTasks.AutomaticSpeechRecognition;

    /// <summary>Loads a whisper.cpp ggml model; the file is checked in managed code first.</summary>
    /// <param name="modelPath">The ggml .bin file.</param>
    /// <param name="options">Build options, or null for the defaults.</param>
    /// <returns>The recognizer; the caller owns it.</returns>
    /// <exception cref="ModelLoadException">The file is missing, not ggml, or refused by whisper.cpp.</exception>
    public static WhisperCppSpeechRecognizer Create(string modelPath, WhisperCppSpeechRecognizerOptions? options = null)
    {
        GgmlModelFile.CheckWhisperModel(modelPath);
        NativeLog.EnsureInstalled();
        var factory = WhisperFactory.FromPath(modelPath);
        try
        {
            // FromPath loads lazily: build one processor now so a bad model fails here, not at the first call.
            using var probe = factory.CreateBuilder().Build();
        }
        catch (WhisperModelLoadException ex)
        {
            factory.Dispose();
            throw new ModelLoadException($"whisper.cpp could not load '{modelPath}': {ex.Message} Pass a complete ggml whisper model.", ex);
        }

        return new WhisperCppSpeechRecognizer(factory, options ?? new WhisperCppSpeechRecognizerOptions());
    }

    /// <inheritdoc />
    public async Task<SpeechRecognitionResult> RunAsync(AudioInput input, SpeechRecognitionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= new SpeechRecognitionOptions();
        Validate(options);
        using var processor = Build(options);
        var segments = new List<SpeechChunk>();
        var text = new System.Text.StringBuilder();
        string? language = null;
        var any = false;
        var chunks = AudioDecoder.ReadChunksAsync(input, AudioDecoder.DefaultSampleRate, cancellationToken: cancellationToken);
        await foreach (var (start, samples) in ReadBlocksAsync(chunks, _options.BlockSeconds * AudioDecoder.DefaultSampleRate).ConfigureAwait(false))
        {
            any = true;
            var offset = (double)start / AudioDecoder.DefaultSampleRate;
            await foreach (var segment in processor.ProcessAsync(samples, cancellationToken).ConfigureAwait(false))
            {
                text.Append(segment.Text);
                language ??= segment.Language;
                segments.Add(new SpeechChunk(segment.Text, [offset + segment.Start.TotalSeconds, offset + segment.End.TotalSeconds]));
            }
        }

        if (!any)
        {
            throw new InvalidPipelineInputException("The audio holds no samples.");
        }

        return new SpeechRecognitionResult
        {
            Text = text.ToString(),
            Chunks = options.ReturnTimestamps ? segments : null,
            Language = options.ReturnLanguage ? language ?? options.Language : null,
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeechRecognitionResult>> RunBatchAsync(
        IReadOnlyList<AudioInput> inputs, SpeechRecognitionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var results = new SpeechRecognitionResult[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            results[i] = await RunAsync(inputs[i], options, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _factory.Dispose();
        }
    }

    /// <summary>
    /// Gathers decoded chunks into blocks of <paramref name="blockSamples"/> samples (the last may be shorter), each with
    /// the sample it starts at; only the block being filled is held.
    /// </summary>
    internal static async IAsyncEnumerable<(long Start, float[] Samples)> ReadBlocksAsync(IAsyncEnumerable<float[]> chunks, int blockSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSamples, 1);
        var block = new float[Math.Min(blockSamples, 1 << 16)];
        var filled = 0;
        long start = 0;
        await foreach (var chunk in chunks.ConfigureAwait(false))
        {
            var from = 0;
            while (from < chunk.Length)
            {
                var take = Math.Min(chunk.Length - from, blockSamples - filled);
                if (filled + take > block.Length)
                {
                    // Grows by doubling up to a whole block, so a short clip never allocates one.
                    Array.Resize(ref block, (int)Math.Min(blockSamples, Math.Max(2L * block.Length, filled + take)));
                }

                chunk.AsSpan(from, take).CopyTo(block.AsSpan(filled));
                filled += take;
                from += take;
                if (filled == blockSamples)
                {
                    yield return (start, block);
                    start += blockSamples;
                    block = new float[block.Length];
                    filled = 0;
                }
            }
        }

        if (filled > 0)
        {
            yield return (start, block.AsSpan(0, filled).ToArray());
        }
    }

    private static void Validate(SpeechRecognitionOptions options)
    {
        if (options.Task is not ("transcribe" or "translate"))
        {
            throw new InvalidPipelineInputException($"Unknown task '{options.Task}'. Valid: transcribe, translate.");
        }

        if (options.WordTimestamps)
        {
            throw new InvalidPipelineInputException("Word timestamps are not supported on the whisper.cpp backend; use ReturnTimestamps for segment timestamps.");
        }

        if (options.ChunkLengthSeconds != 0 || options.StrideLengthSeconds is not null)
        {
            throw new InvalidPipelineInputException("whisper.cpp windows long audio itself: leave ChunkLengthSeconds at 0 and StrideLengthSeconds null.");
        }

        if (options.NumBeams is not (null or 1) || options.MaxNewTokens is not null)
        {
            throw new InvalidPipelineInputException("NumBeams and MaxNewTokens are not supported on the whisper.cpp backend (it decodes with its own settings): leave them unset, or use a Whisper ONNX export.");
        }
    }

    private WhisperProcessor Build(SpeechRecognitionOptions options)
    {
        var builder = _factory.CreateBuilder();
        builder = options.Language is { } language ? builder.WithLanguage(language) : builder.WithLanguageDetection();
        if (options.Task == "translate")
        {
            builder = builder.WithTranslate();
        }

        if (_options.Threads > 0)
        {
            builder = builder.WithThreads(_options.Threads);
        }

        return builder.Build();
    }
}
