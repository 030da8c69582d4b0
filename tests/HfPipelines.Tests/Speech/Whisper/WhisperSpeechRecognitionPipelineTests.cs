using System.Text.Json.Nodes;
using HfPipelines.Audio;
using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Audio;
using HfPipelines.Tests.Seq2Seq;
using static HfPipelines.Tests.Speech.Whisper.FakeWhisperTokenizer;
using HfPipelines.Composition;

namespace HfPipelines.Tests.Speech.Whisper;

/// <summary>
/// The whole Whisper path on a tiny export with Whisper's input and output names: features -> encoder ->
/// language detection -> prompt -> cached decoding with the timestamp rules -> text and chunks. The decoder is a
/// bigram table (known script); the encoder pushes the French token up by the feature value, so audio whose
/// features are 1 is detected as French.
/// </summary>
public sealed class WhisperSpeechRecognitionPipelineTests : IDisposable
{
    private const int Mels = 4;
    private const int Frames = 10;
    private readonly string _folder;

    public WhisperSpeechRecognitionPipelineTests()
    {
        var tokenizer = new FakeWhisperTokenizer();
        var vocabulary = tokenizer.VocabularySize;
        var table = new float[vocabulary, vocabulary];
        table[StartOfTranscript, English] = 1.0f;
        table[StartOfTranscript, French] = 0.5f;
        table[NoTimestamps, 1] = 5f;      // no timestamps: w1 w2 <|endoftext|>
        table[1, 2] = 5f;
        table[2, EndOfText] = 5f;
        table[Transcribe, TimestampBegin] = 5f; // timestamps: <|0.00|> w3 w4 <|0.40|> <|endoftext|>
        table[TimestampBegin, 3] = 5f;
        table[3, 4] = 5f;
        table[4, TimestampBegin + 20] = 5f;
        table[TimestampBegin + 20, EndOfText] = 5f;
        var weights = new float[Mels, vocabulary];
        weights[0, French] = 1f;

        _folder = Path.Combine(Path.GetTempPath(), "hfp-whisper-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(Path.Combine(_folder, "encoder_model.onnx"), TinySeq2SeqModels.FeatureEncoder(weights));
        File.WriteAllBytes(Path.Combine(_folder, "decoder_model_merged.onnx"), TinySeq2SeqModels.MergedDecoder(table, encoderMask: false));
    }

    private WhisperSpeechRecognitionPipeline Pipeline()
    {
        var config = new JsonObject { ["num_mel_bins"] = Mels, ["max_target_positions"] = 32 };
        var generation = new Seq2SeqGenerationConfig { EosTokenIds = [EndOfText], PadTokenId = EndOfText, MaxLength = 32 };
        var model = new WhisperModel(OnnxSeq2SeqModel.Load(_folder), new FakeWhisperTokenizer(), generation, config);
        return new WhisperSpeechRecognitionPipeline(
            model,
            (input, ct) => Task.FromResult(input.Samples!),
            samples => Enumerable.Repeat(samples[0], Mels * Frames).ToArray());
    }

    /// <summary>The pipeline as LocalPipelines builds it: the real audio decoder and log-mel features.</summary>
    private WhisperSpeechRecognitionPipeline PipelineOnRealAudio(List<float[]> featuresSeen)
    {
        var config = new JsonObject { ["num_mel_bins"] = Mels, ["max_target_positions"] = 32 };
        var generation = new Seq2SeqGenerationConfig { EosTokenIds = [EndOfText], PadTokenId = EndOfText, MaxLength = 32 };
        var model = new WhisperModel(OnnxSeq2SeqModel.Load(_folder), new FakeWhisperTokenizer(), generation, config);
        var extractor = new WhisperFeatureExtractor(new WhisperFeatureExtractorOptions { FeatureSize = Mels });
        return new WhisperSpeechRecognitionPipeline(
            model,
            async (input, ct) => (await AudioDecoder.DecodeAsync(input, WhisperSpeechRecognitionPipeline.SampleRate, ct)).Samples,
            samples =>
            {
                var features = extractor.Extract(samples);
                featuresSeen.Add(features);
                return features;
            });
    }

    private static AudioInput Audio(float value, double seconds = 2) =>
        AudioInput.FromSamples(Enumerable.Repeat(value, (int)(seconds * 16_000)).ToArray(), 16_000);

    [Fact]
    public async Task RunAsync_EnglishNoTimestamps_ReturnsScriptedText()
    {
        using var pipeline = Pipeline();

        var result = await pipeline.RunAsync(Audio(0), new SpeechRecognitionOptions { ReturnLanguage = true });

        Assert.Equal(" w1 w2", result.Text);
        Assert.Equal("en", result.Language);
        Assert.Null(result.Chunks);
    }

    [Fact]
    public async Task RunAsync_LanguageNotGiven_DetectsFromAudio()
    {
        using var pipeline = Pipeline();

        var result = await pipeline.RunAsync(Audio(1), new SpeechRecognitionOptions { ReturnLanguage = true });

        Assert.Equal("fr", result.Language);
    }

    [Fact]
    public async Task RunAsync_LanguageGiven_OverridesDetection()
    {
        using var pipeline = Pipeline();

        var result = await pipeline.RunAsync(Audio(1), new SpeechRecognitionOptions { Language = "en", ReturnLanguage = true });

        Assert.Equal("en", result.Language);
    }

    [Fact]
    public async Task RunAsync_Timestamps_ReturnsChunks()
    {
        using var pipeline = Pipeline();

        var result = await pipeline.RunAsync(Audio(0), new SpeechRecognitionOptions { ReturnTimestamps = true, Language = "en" });

        var chunk = Assert.Single(result.Chunks!);
        Assert.Equal(" w3 w4", chunk.Text);
        Assert.Equal([0.0, 0.4], chunk.Timestamp);
        Assert.Equal(" w3 w4", result.Text);
    }

    [Fact]
    public async Task RunAsync_LongAudio_ChunksAndOffsetsTimestamps()
    {
        using var pipeline = Pipeline();

        var result = await pipeline.RunAsync(Audio(0, seconds: 50), new SpeechRecognitionOptions { ReturnTimestamps = true, Language = "en", ChunkLengthSeconds = 25, StrideLengthSeconds = 0 });

        // Windows start at 0 and 25 s; each says "w3 w4" at its own start.
        Assert.Equal([[0.0, 0.4], [25.0, 25.4]], result.Chunks!.Select(c => c.Timestamp.ToArray()).ToArray());
    }

    [Fact]
    public async Task RunAsync_OverlappingWindows_TimestampsInStridesDoNotSplit()
    {
        using var pipeline = Pipeline();

        var result = await pipeline.RunAsync(Audio(0, seconds: 50), new SpeechRecognitionOptions { ReturnTimestamps = true, Language = "en", ChunkLengthSeconds = 30 });

        // Both windows (0-30 s and 20-50 s) say "w3 w4" with timestamps 0.00 and 0.40. The first window's closing
        // timestamp is its last, so it counts as in its right stride; the second window's fall in its left stride
        // (20-25 s). As transformers: nothing closes the segment, and the words said twice are merged once.
        var chunk = Assert.Single(result.Chunks!);
        Assert.Equal(" w3 w4", chunk.Text);
        Assert.Equal([0.0, null], chunk.Timestamp);
    }

    [Fact]
    public async Task RunAsync_EmptyAudio_ThrowsInvalidInput()
    {
        using var pipeline = Pipeline();

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync(AudioInput.FromSamples([], 16_000)));
        var ok = await pipeline.RunAsync(Audio(0), new SpeechRecognitionOptions { Language = "en" });
        Assert.Equal(" w1 w2", ok.Text);
    }

    [Fact]
    public async Task RunAsync_UnknownLanguageOrTask_ThrowsListingChoices()
    {
        using var pipeline = Pipeline();

        var language = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync(Audio(0), new SpeechRecognitionOptions { Language = "xx" }));
        var task = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync(Audio(0), new SpeechRecognitionOptions { Task = "summarize" }));

        Assert.Contains("en, fr", language.Message);
        Assert.Contains("transcribe or translate", task.Message);
    }

    [FlacToolFact("audio/jfk.wav")]
    public async Task RunAsync_FlacOfFixture_SameFeaturesAndResultAsWav()
    {
        var wav = TestFixtures.PathOf("audio/jfk.wav");
        var flac = Path.Combine(_folder, "jfk.flac");
        FlacTool.Encode(wav, flac, "-8");
        var options = new SpeechRecognitionOptions { ReturnTimestamps = true, ReturnLanguage = true };
        List<float[]> wavFeatures = [], flacFeatures = [];
        using var onWav = PipelineOnRealAudio(wavFeatures);
        using var onFlac = PipelineOnRealAudio(flacFeatures);

        var fromWav = await onWav.RunAsync(AudioInput.FromFile(wav), options);
        var fromFlac = await onFlac.RunAsync(AudioInput.FromFile(flac), options);

        Assert.Equal(Mels * 3000, Assert.Single(flacFeatures).Length);
        Assert.Equal(Assert.Single(wavFeatures), flacFeatures[0]);
        Assert.Equal(fromWav.Text, fromFlac.Text);
        Assert.Equal(fromWav.Language, fromFlac.Language);
        Assert.Equal(fromWav.Chunks!.Select(c => (c.Text, c.Timestamp[0], c.Timestamp[1])), fromFlac.Chunks!.Select(c => (c.Text, c.Timestamp[0], c.Timestamp[1])));
        Assert.Equal(" w3 w4", fromFlac.Text);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
