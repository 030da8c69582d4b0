using HfPipelines.LlamaCpp.Whisper;
using HfPipelines.Tasks;
using HfPipelines.Testing;

namespace HfPipelines.LlamaCpp.Tests.Whisper;

public sealed class WhisperCppTests
{
    private const string Vad = "whisper-ggml/for-tests-silero-v6.2.0-ggml.bin";
    private const string Tiny = "whisper-ggml/for-tests-ggml-tiny.en.bin";
    private const string Jfk = "audio/jfk.wav";

    [FixtureFact(Vad, Jfk)]
    public async Task DetectAsync_JfkWav_FindsFourSpeechSegments()
    {
        using var vad = WhisperCppVoiceActivityDetector.Create(TestFixtures.PathOf(Vad), threads: 2);

        var segments = await vad.DetectAsync(AudioInput.FromFile(TestFixtures.PathOf(Jfk)));

        Assert.Equal(4, segments.Count);
        Assert.True(segments.Zip(segments.Skip(1)).All(p => p.First.End <= p.Second.Start), "segments are ordered and disjoint");
        Assert.InRange(segments[^1].End.TotalSeconds, 9, 11.1);
    }

    [FixtureFact(Vad, "audio/jfk.mp3")]
    public async Task DetectAsync_JfkMp3_SameSegmentCountAsWav()
    {
        using var vad = WhisperCppVoiceActivityDetector.Create(TestFixtures.PathOf(Vad), threads: 2);

        var segments = await vad.DetectAsync(AudioInput.FromFile(TestFixtures.PathOf("audio/jfk.mp3")));

        Assert.Equal(4, segments.Count);
    }

    [FixtureFact(Tiny, Jfk)]
    public async Task RunAsync_TestModelWithoutWeights_LoadsAndReturnsEmptyText()
    {
        using var recognizer = WhisperCppSpeechRecognizer.Create(TestFixtures.PathOf(Tiny), new WhisperCppSpeechRecognizerOptions { Threads = 2 });

        var result = await recognizer.RunAsync(AudioInput.FromFile(TestFixtures.PathOf(Jfk)), new SpeechRecognitionOptions { Language = "en", ReturnTimestamps = true });

        // The whisper.cpp test model has the tiny.en shapes but no trained weights: zero segments.
        Assert.Equal(string.Empty, result.Text);
        Assert.NotNull(result.Chunks);
        Assert.Equal("automatic-speech-recognition", recognizer.Task);
    }

    [FixtureFact("whisper-ggml/for-tests-ggml-tiny.bin")]
    public async Task RunAsync_MultilingualWithLanguageDetection_Completes()
    {
        using var recognizer = WhisperCppSpeechRecognizer.Create(TestFixtures.PathOf("whisper-ggml/for-tests-ggml-tiny.bin"), new WhisperCppSpeechRecognizerOptions { Threads = 2 });

        var result = await recognizer.RunAsync(AudioInput.FromSamples(new float[16_000], 16_000), new SpeechRecognitionOptions { ReturnLanguage = true });

        Assert.Equal(string.Empty, result.Text);
        Assert.Null(result.Chunks);
    }

    [FixtureFact(Tiny)]
    public async Task RunAsync_WordTimestamps_TypedError()
    {
        using var recognizer = WhisperCppSpeechRecognizer.Create(TestFixtures.PathOf(Tiny));

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() =>
            recognizer.RunAsync(AudioInput.FromSamples(new float[16_000], 16_000), new SpeechRecognitionOptions { WordTimestamps = true }));
    }

    [Fact]
    public void Create_MissingFile_ModelLoadException()
    {
        var ex = Assert.Throws<ModelLoadException>(() => WhisperCppSpeechRecognizer.Create("/no/such/ggml-tiny.bin"));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NotGgml_ModelLoadExceptionBeforeNativeLoad()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [.. "GGUF"u8, 3, 0, 0, 0]);

            var ex = Assert.Throws<ModelLoadException>(() => WhisperCppSpeechRecognizer.Create(path));

            Assert.Contains("GGUF", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Create_TruncatedGgml_ModelLoadException()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [.. "lmgg"u8, 0x99, 0xca, 0, 0, 1, 2]);

            Assert.Throws<ModelLoadException>(() => WhisperCppSpeechRecognizer.Create(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [FixtureFact(Tiny)]
    public async Task Dispose_Twice_NoErrorAndLaterCallsThrow()
    {
        var recognizer = WhisperCppSpeechRecognizer.Create(TestFixtures.PathOf(Tiny));

        recognizer.Dispose();
        recognizer.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => recognizer.RunAsync(AudioInput.FromSamples(new float[10], 16_000)));
    }

    [Theory]
    [InlineData(7, new[] { 3, 5, 1, 9, 2 })]
    [InlineData(4, new[] { 4, 4 })]
    [InlineData(10, new[] { 25 })]
    [InlineData(100_000, new[] { 70_000, 70_000, 1 })]
    public async Task ReadBlocksAsync_AnyChunking_BlocksAreTheSamplesInOrderWithTheirStarts(int blockSamples, int[] chunkLengths)
    {
        var next = 0f;
        var chunks = chunkLengths.Select(n => Enumerable.Range(0, n).Select(_ => next++).ToArray()).ToArray();
        var total = chunkLengths.Sum();

        var blocks = new List<(long Start, float[] Samples)>();
        await foreach (var block in WhisperCppSpeechRecognizer.ReadBlocksAsync(chunks.ToAsyncEnumerable(), blockSamples))
        {
            blocks.Add((block.Start, block.Samples.ToArray()));
        }

        Assert.Equal((total + blockSamples - 1) / blockSamples, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(b.Start, (long)b.Samples[0]));
        Assert.All(blocks.SkipLast(1), b => Assert.Equal(blockSamples, b.Samples.Length));
        Assert.Equal(Enumerable.Range(0, total).Select(i => (float)i), blocks.SelectMany(b => b.Samples));
    }

    [Fact]
    public async Task ReadBlocksAsync_NoSamples_NoBlock()
    {
        var blocks = await WhisperCppSpeechRecognizer.ReadBlocksAsync(new[] { Array.Empty<float>() }.ToAsyncEnumerable(), 5).ToListAsync();

        Assert.Empty(blocks);
    }

    [FixtureFact(Tiny)]
    public async Task RunAsync_AudioLongerThanABlock_EachBlockRunsOnOneProcessor()
    {
        // 75 s in blocks of 30 s: three whisper.cpp runs on one processor; the weightless test model gives no segments.
        using var recognizer = WhisperCppSpeechRecognizer.Create(TestFixtures.PathOf(Tiny), new WhisperCppSpeechRecognizerOptions { Threads = 2, BlockSeconds = 30 });

        var result = await recognizer.RunAsync(AudioInput.FromSamples(new float[75 * 16_000], 16_000), new SpeechRecognitionOptions { Language = "en", ReturnTimestamps = true });

        Assert.Equal(string.Empty, result.Text);
        Assert.NotNull(result.Chunks);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WhisperCppSpeechRecognizerOptions { BlockSeconds = 29 });
    }

    [FixtureFact(Tiny)]
    public async Task RunAsync_EmptyAudio_TypedError()
    {
        using var recognizer = WhisperCppSpeechRecognizer.Create(TestFixtures.PathOf(Tiny), new WhisperCppSpeechRecognizerOptions { Threads = 2 });

        var error = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => recognizer.RunAsync(AudioInput.FromSamples([], 16_000)));

        Assert.Contains("no samples", error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await recognizer.RunAsync(AudioInput.FromSamples(new float[16_000], 16_000), new SpeechRecognitionOptions { Language = "en" })).Text);
    }
}
