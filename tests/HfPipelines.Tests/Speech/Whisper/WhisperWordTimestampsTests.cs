using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;
using static HfPipelines.Tests.Speech.Whisper.FakeWhisperTokenizer;

namespace HfPipelines.Tests.Speech.Whisper;

/// <summary>
/// Word timestamps and the merging of overlapping windows, end to end on <see cref="ScriptedWhisperModel"/>: each
/// script says what the decoder emits in a window and from which encoder frame (20 ms each) every token is heard, so
/// the expected word times are the script's frames x 0.02 s plus the window's start.
/// </summary>
public sealed class WhisperWordTimestampsTests : IDisposable
{
    // Seams: 4.4 s of audio in 2 s windows with 0.4 s strides, starting at 0, 1.2 and 2.4 s. The story is
    // w1 w2 ... w8 w0 "." heard from 0.2 s, 0.3 s a word; each window says what it hears, the overlaps twice.
    private static readonly Dictionary<int, (int Token, int From)[]> Story = new()
    {
        [0] = [(Ts(0), 0), (1, 10), (2, 25), (3, 40), (4, 55), (5, 70), (6, 85), (Ts(1.8), 90), (EndOfText, 95)],
        [12] = [(Ts(0), 0), (5, 10), (6, 25), (7, 40), (8, 55), (0, 70), (Period, 85), (Ts(1.8), 90), (EndOfText, 95)],
        [24] = [(Ts(0), 0), (0, 10), (Period, 25), (Ts(0.6), 30), (EndOfText, 35)],
    };

    private readonly string _folder = ScriptedWhisperModel.Folder();
    private readonly string _noAttentionFolder = ScriptedWhisperModel.Folder(crossAttentions: false);
    private int _audioLoads;

    private static SpeechRecognitionOptions Words => new() { WordTimestamps = true, Language = "en" };

    [Fact]
    public async Task RunAsync_WordTimestamps_WordsTimedFromAlignmentHeads()
    {
        using var pipeline = Pipeline(_folder, [(Ts(0), 0), (1, 10), (2, 30), (Period, 50), (Ts(1.2), 60), (Ts(1.2), 65), (3, 70), (Ts(1.6), 80), (EndOfText, 90)]);

        var result = await pipeline.RunAsync(Audio(2.0), Words);

        // A word runs from its first token to the token after it; "." joins " w2" and lasts one step (0.02 s).
        Assert.Equal(" w1 w2. w3", result.Text);
        Assert.Equal([" w1 [0.2, 0.6]", " w2. [0.6, 1.02]", " w3 [1.4, 1.6]"], Describe(result.Chunks!));
    }

    [Fact]
    public async Task RunAsync_LanguageDetected_DetectionStepIsPartOfTheAlignment()
    {
        // Detection runs the first decoder position alone; its cross attentions must join those of the generation.
        using var pipeline = Pipeline(_folder, [(Ts(0), 0), (1, 10), (2, 30), (Period, 50), (Ts(1.2), 60), (Ts(1.2), 65), (3, 70), (Ts(1.6), 80), (EndOfText, 90)]);

        var result = await pipeline.RunAsync(Audio(2.0), new SpeechRecognitionOptions { WordTimestamps = true, ReturnLanguage = true });

        Assert.Equal("en", result.Language);
        Assert.Equal([" w1 [0.2, 0.6]", " w2. [0.6, 1.02]", " w3 [1.4, 1.6]"], Describe(result.Chunks!));
    }

    [Fact]
    public async Task RunAsync_WordTimestampsWithOtherHeads_TimesDiffer()
    {
        using var pipeline = Pipeline(_folder, [(Ts(0), 0), (1, 10), (2, 30), (Period, 50), (Ts(1.2), 60), (Ts(1.2), 65), (3, 70), (Ts(1.6), 80), (EndOfText, 90)], [(0, 0), (1, 1)]);

        var result = await pipeline.RunAsync(Audio(2.0), Words);

        // The mirrored heads pull the alignment elsewhere: same words, other times.
        Assert.Equal([" w1", " w2.", " w3"], result.Chunks!.Select(c => c.Text));
        Assert.NotEqual([" w1 [0.2, 0.6]", " w2. [0.6, 1.02]", " w3 [1.4, 1.6]"], Describe(result.Chunks!));
    }

    [Fact]
    public async Task RunAsync_ShortAudio_AlignsOverAudioFramesOnly()
    {
        // 1 s of audio: 50 frames. The end of text is heard from frame 60, past the audio, so the alignment (cut at
        // frame 50, as transformers cuts at num_frames / 2) puts it on the last frame: w2 ends at 0.98 s, not 1.2 s.
        using var pipeline = Pipeline(_folder, [(Ts(0), 0), (1, 10), (2, 30), (Ts(1.2), 60), (EndOfText, 70)]);

        var result = await pipeline.RunAsync(Audio(1.0), Words);

        Assert.Equal([" w1 [0.2, 0.6]", " w2 [0.6, 0.98]"], Describe(result.Chunks!));
    }

    [Fact]
    public async Task RunAsync_OverlappingWindowsWithWords_SeamsNeitherDoubledNorLost()
    {
        using var pipeline = StoryPipeline();

        var result = await pipeline.RunAsync(Audio(4.4), new SpeechRecognitionOptions { WordTimestamps = true, Language = "en", ChunkLengthSeconds = 2, StrideLengthSeconds = 0.4 });

        // w5 and w6 are said by the first two windows, w0 and "." by the last two: each word once, at its time in the audio.
        Assert.Equal(" w1 w2 w3 w4 w5 w6 w7 w8 w0.", result.Text);
        Assert.Equal(
            [" w1 [0.2, 0.5]", " w2 [0.5, 0.8]", " w3 [0.8, 1.1]", " w4 [1.1, 1.4]", " w5 [1.4, 1.7]", " w6 [1.7, 2]", " w7 [2, 2.3]", " w8 [2.3, 2.6]", " w0. [2.6, 2.92]"],
            Describe(result.Chunks!));
    }

    [Fact]
    public async Task RunAsync_OverlappingWindowsWithSegments_OneSegmentAcrossSeams()
    {
        using var pipeline = StoryPipeline();

        var result = await pipeline.RunAsync(Audio(4.4), new SpeechRecognitionOptions { ReturnTimestamps = true, Language = "en", ChunkLengthSeconds = 2, StrideLengthSeconds = 0.4 });

        // The first two windows end with a timestamp in their right stride, so the segment stays open until the last
        // window closes it at 0.6 s + 2.4 s.
        Assert.Equal([" w1 w2 w3 w4 w5 w6 w7 w8 w0. [0, 3]"], Describe(result.Chunks!));
    }

    [Fact]
    public async Task RunAsync_OverlappingWindowsWithoutTimestamps_TokensMergedOnce()
    {
        var scripts = Story.ToDictionary(s => s.Key, s => s.Value.Where(t => t.Token < TimestampBegin).ToArray());
        using var pipeline = Pipeline(_folder, scripts, promptLength: 4);

        var result = await pipeline.RunAsync(Audio(4.4), new SpeechRecognitionOptions { Language = "en", ChunkLengthSeconds = 2, StrideLengthSeconds = 0.4 });

        Assert.Equal(" w1 w2 w3 w4 w5 w6 w7 w8 w0.", result.Text);
        Assert.Null(result.Chunks);
    }

    [Fact]
    public async Task RunAsync_NoCrossAttentionOutputs_TypedErrorBeforeAudioIsRead()
    {
        using var pipeline = Pipeline(_noAttentionFolder, Story[0]);

        var error = await Assert.ThrowsAsync<WhisperWordTimestampsException>(() => pipeline.RunAsync(Audio(2.0), Words));

        Assert.Contains("no cross_attentions.N outputs", error.Message);
        Assert.Contains("_timestamped", error.Message);
        Assert.Equal(0, _audioLoads);
        var segments = await pipeline.RunAsync(Audio(2.0), new SpeechRecognitionOptions { ReturnTimestamps = true, Language = "en" });
        Assert.Equal(" w1 w2 w3 w4 w5 w6", segments.Text);
    }

    [Fact]
    public async Task RunAsync_NoAlignmentHeads_TypedErrorNamingTheKey()
    {
        using var pipeline = Pipeline(_folder, Story[0], heads: []);

        var error = await Assert.ThrowsAsync<WhisperWordTimestampsException>(() => pipeline.RunAsync(Audio(2.0), Words));

        Assert.Contains("generation_config.json has no alignment_heads", error.Message);
        Assert.Equal(0, _audioLoads);
    }

    [Fact]
    public async Task RunAsync_AlignmentHeadOfMissingLayer_TypedErrorNamingTheLayer()
    {
        using var pipeline = Pipeline(_folder, Story[0], heads: [(0, 1), (5, 0)]);

        var error = await Assert.ThrowsAsync<WhisperWordTimestampsException>(() => pipeline.RunAsync(Audio(2.0), Words));

        Assert.Contains("layer 5", error.Message);
        Assert.Contains("cross_attentions.1", error.Message);
    }

    [Fact]
    public async Task RunAsync_AlignmentHeadOfMissingHead_TypedErrorNamingTheHead()
    {
        using var pipeline = Pipeline(_folder, Story[0], heads: [(1, 7)]);

        var error = await Assert.ThrowsAsync<WhisperWordTimestampsException>(() => pipeline.RunAsync(Audio(2.0), Words));

        Assert.Contains("alignment head (1, 7)", error.Message);
        Assert.Contains("[1, 2, ", error.Message);
    }

    [Fact]
    public void Model_CountsCrossAttentionOutputs()
    {
        using var withAttentions = ScriptedWhisperModel.Model(_folder);
        using var without = ScriptedWhisperModel.Model(_noAttentionFolder);

        Assert.Equal(2, withAttentions.CrossAttentionLayers);
        Assert.Equal(0, without.CrossAttentionLayers);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        Directory.Delete(_noAttentionFolder, recursive: true);
    }

    private static string[] Describe(IEnumerable<SpeechChunk> chunks) =>
        [.. chunks.Select(c => FormattableString.Invariant($"{c.Text} [{c.Timestamp[0]}, {c.Timestamp[1]}]"))];

    // Each sample holds its own time in seconds, so the features can tell which window they are given.
    private static AudioInput Audio(double seconds) =>
        AudioInput.FromSamples([.. Enumerable.Range(0, (int)Math.Round(seconds * 16_000)).Select(i => i / 16_000f)], 16_000);

    private WhisperSpeechRecognitionPipeline StoryPipeline() => Pipeline(_folder, Story);

    private WhisperSpeechRecognitionPipeline Pipeline(string folder, (int Token, int From)[] script, IReadOnlyList<(int Layer, int Head)>? heads = null) =>
        Pipeline(folder, new Dictionary<int, (int Token, int From)[]> { [0] = script }, heads: heads);

    private WhisperSpeechRecognitionPipeline Pipeline(string folder, Dictionary<int, (int Token, int From)[]> scripts, int promptLength = 3, IReadOnlyList<(int Layer, int Head)>? heads = null) =>
        new(
            ScriptedWhisperModel.Model(folder, heads),
            (input, ct) =>
            {
                _audioLoads++;
                return Task.FromResult(input.Samples!);
            },
            samples => ScriptedWhisperModel.Features(scripts[(int)Math.Round(samples[0] * 10)], promptLength));
}
