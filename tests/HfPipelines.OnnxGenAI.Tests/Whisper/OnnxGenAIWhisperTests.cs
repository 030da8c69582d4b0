using HfPipelines.Audio;
using HfPipelines.OnnxGenAI.Whisper;
using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tokenization;
using Microsoft.ML.OnnxRuntimeGenAI;
using HfPipelines.Composition;

namespace HfPipelines.OnnxGenAI.Tests.Whisper;

/// <summary>
/// Whisper through ONNX Runtime GenAI on <see cref="ScriptedGenAIWhisper"/> folders (known answers by construction,
/// the real Whisper tokenizer) and on the fixture's real random GenAI decoder (parity with GenAI's own greedy search).
/// </summary>
public sealed class OnnxGenAIWhisperTests : IDisposable
{
    private const string Fixture = "ortgenai/whisper-partial";
    private const string Jfk = "audio/jfk.wav";
    private const int EndOfText = 50257;
    private const int StartOfTranscript = 50258;
    private const int English = 50259;
    private const int French = 50265;
    private const int Transcribe = 50359;
    private const int NoTimestamps = 50363;
    private const int TimestampBegin = 50364;
    private const string Heads = """{ "alignment_heads": [[0, 0]] }""";
    private readonly List<string> _folders = [];

    [FixtureFact(Fixture)]
    public void TranscribeWindow_ScriptedDecoder_SaysTheScript()
    {
        using var model = OnnxGenAIWhisper.LoadModel(Folder());
        var words = Ids(model, " And so my fellow Americans");
        var features = ScriptedGenAIWhisper.Features([.. words.Append(EndOfText).Select(t => (t, 0))], promptLength: 4);

        var result = model.TranscribeWindow(features, "en", translate: false, timestamps: false);

        Assert.Equal([.. words, EndOfText], result.Tokens);
        Assert.Equal(" And so my fellow Americans", model.Tokenizer.Decode(result.Tokens));
        Assert.Equal("en", result.Language);
        Assert.Equal(80, model.NumMelBins);
        Assert.Equal(448, model.MaxTargetPositions);
    }

    [FixtureFact(Fixture)]
    public void TranscribeWindow_NoLanguage_DetectedFromTheFirstPosition()
    {
        using var model = OnnxGenAIWhisper.LoadModel(Folder());
        var words = Ids(model, " Bonjour");
        var features = ScriptedGenAIWhisper.Features([.. words.Append(EndOfText).Select(t => (t, 0))], promptLength: 4, language: French);

        var result = model.TranscribeWindow(features, language: null, translate: false, timestamps: false);

        Assert.Equal("fr", result.Language);
        Assert.Equal(" Bonjour", model.Tokenizer.Decode(result.Tokens));
    }

    [FixtureFact(Fixture)]
    public async Task RunAsync_SegmentTimestamps_ChunksFromTimestampTokens()
    {
        using var model = OnnxGenAIWhisper.LoadModel(Folder());
        var (and, so) = (Id(model, " And"), Id(model, " so"));
        using var pipeline = Pipeline(model, [(Ts(0), 0), (and, 10), (so, 30), (Ts(1.2), 60), (Ts(1.2), 62), (Id(model, " my"), 70), (Ts(1.6), 80), (EndOfText, 90)]);

        var result = await pipeline.RunAsync(Audio(2.0), new SpeechRecognitionOptions { ReturnTimestamps = true, Language = "en" });

        Assert.Equal(" And so my", result.Text);
        Assert.Equal([" And so [0, 1.2]", " my [1.2, 1.6]"], Describe(result.Chunks!));
    }

    [FixtureFact(Fixture)]
    public async Task RunAsync_WordTimestamps_WordsTimedFromCrossQk()
    {
        // The same script and times as the ONNX export's word-timestamp test: the two runtimes agree.
        using var model = OnnxGenAIWhisper.LoadModel(Folder(generationConfig: Heads));
        using var pipeline = Pipeline(model, [(Ts(0), 0), (Id(model, " And"), 10), (Id(model, " so"), 30), (Id(model, "."), 50), (Ts(1.2), 60), (Ts(1.2), 65), (Id(model, " my"), 70), (Ts(1.6), 80), (EndOfText, 90)]);

        var result = await pipeline.RunAsync(Audio(2.0), new SpeechRecognitionOptions { WordTimestamps = true, Language = "en" });

        Assert.Equal(" And so. my", result.Text);
        Assert.Equal([" And [0.2, 0.6]", " so. [0.6, 1.02]", " my [1.4, 1.6]"], Describe(result.Chunks!));
    }

    [FixtureFact(Fixture)]
    public async Task RunAsync_OverlappingWindowsWithWords_SeamsNeitherDoubledNorLost()
    {
        using var model = OnnxGenAIWhisper.LoadModel(Folder(generationConfig: Heads));
        var w = new[] { " zero", " one", " two", " three", " four", " five", " six", " seven", " eight" }.Select(word => Id(model, word)).ToArray();
        var period = Id(model, ".");
        var story = new Dictionary<int, (int Token, int From)[]>
        {
            [0] = [(Ts(0), 0), (w[1], 10), (w[2], 25), (w[3], 40), (w[4], 55), (w[5], 70), (w[6], 85), (Ts(1.8), 90), (EndOfText, 95)],
            [12] = [(Ts(0), 0), (w[5], 10), (w[6], 25), (w[7], 40), (w[8], 55), (w[0], 70), (period, 85), (Ts(1.8), 90), (EndOfText, 95)],
            [24] = [(Ts(0), 0), (w[0], 10), (period, 25), (Ts(0.6), 30), (EndOfText, 35)],
        };
        using var pipeline = Pipeline(model, story);

        var result = await pipeline.RunAsync(Audio(4.4), new SpeechRecognitionOptions { WordTimestamps = true, Language = "en", ChunkLengthSeconds = 2, StrideLengthSeconds = 0.4 });

        Assert.Equal(" one two three four five six seven eight zero.", result.Text);
        Assert.Equal(
            [" one [0.2, 0.5]", " two [0.5, 0.8]", " three [0.8, 1.1]", " four [1.1, 1.4]", " five [1.4, 1.7]", " six [1.7, 2]", " seven [2, 2.3]", " eight [2.3, 2.6]", " zero. [2.6, 2.92]"],
            Describe(result.Chunks!));
    }

    [FixtureFact(Fixture, Jfk)]
    public async Task CreatePipeline_RealSpeech_WholePathFromTheWavFile()
    {
        // The encoder ignores the audio here and plays a fixed script: the test is the path (WAV decode, resampling,
        // log-mel features of 80 x 3000, GenAI encoder and decoder, prompt, text).
        var text = " And so my fellow Americans, ask not what your country can do for you.";
        var ids = new HfTokenizerProbe(TestFixtures.PathOf(Fixture)).Ids(text);
        var script = new int[] { English, Transcribe, NoTimestamps }.Concat(ids).Append(EndOfText).ToArray();
        using var pipeline = OnnxGenAIWhisper.CreatePipeline(Folder(constantScript: script));

        var result = await pipeline.RunAsync(AudioInput.FromFile(TestFixtures.PathOf(Jfk)), new SpeechRecognitionOptions { ReturnLanguage = true });

        Assert.Equal(text, result.Text);
        Assert.Equal("en", result.Language);
    }

    [FixtureFact(Fixture)]
    public void TranscribeWindow_SameTokensAsGenAIsOwnGreedySearch()
    {
        // Our step loop over GenAI (prompt, then one token per run) must pick what GenAI's own greedy search picks
        // from the same prompt and features.
        var folder = Folder();
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), """{ "max_length": 40 }""");
        var random = new Random(3);
        var script = Enumerable.Range(0, 30).Select(_ => (random.Next(0, 50257), 0)).Append((EndOfText, 0)).ToArray();
        var features = ScriptedGenAIWhisper.Features(script, promptLength: 4);
        int[] prompt = [StartOfTranscript, English, Transcribe, NoTimestamps];

        int[] ours;
        using (var model = OnnxGenAIWhisper.LoadModel(folder))
        {
            ours = [.. prompt, .. model.TranscribeWindow(features, "en", translate: false, timestamps: false).Tokens];
        }

        var theirs = GenAIGreedy(folder, features, prompt, maxLength: 40);

        // GenAI stops at the end-of-text token without keeping it in the sequence.
        Assert.Equal(prompt.Length + 31, ours.Length);
        Assert.Equal(EndOfText, ours[^1]);
        Assert.Equal(theirs, ours[..^1]);
    }

    [FixtureFact(Fixture)]
    public async Task Registration_ProviderServesGenAIWhisperFoldersAndDeclinesOthers()
    {
        var ids = new HfTokenizerProbe(TestFixtures.PathOf(Fixture)).Ids(" Hello");
        var folder = Folder(constantScript: [English, Transcribe, NoTimestamps, .. ids, EndOfText]);
        using var pipelines = Composition.Pipeline.CreateProvider(new Hub.HubOptions { Offline = true, CacheDirectory = Path.Combine(folder, "cache") }, store => [OnnxGenAIWhisper.Registration(store)]);

        var asr = await pipelines.GetAsync<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>("asr", folder);
        var result = await asr.RunAsync(AudioInput.FromSamples(new float[16_000], 16_000), new SpeechRecognitionOptions { Language = "en" });

        Assert.Equal(" Hello", result.Text);
        Assert.IsType<WhisperSpeechRecognitionPipeline>(asr);
        Assert.False(OnnxGenAIWhisper.IsWhisperFolder(Path.GetTempPath()));
    }

    [FixtureFact(Fixture)]
    public void TranscribeWindow_NoEndOfText_StopsAtTheContextLengthWithinGenAIsLimit()
    {
        // A decoder that never says end of text: generation stops at the context length (32 here), which is also the
        // max_length of GenAI's generator, without running past it.
        using var model = OnnxGenAIWhisper.LoadModel(Folder(contextLength: 32));
        var word = Id(model, " la");
        var features = ScriptedGenAIWhisper.Features([.. Enumerable.Repeat((word, 0), 100)], promptLength: 4);

        var result = model.TranscribeWindow(features, "en", translate: false, timestamps: false);

        Assert.Equal(32, model.MaxTargetPositions);
        Assert.Equal(32 - 4, result.Tokens.Count);
        Assert.All(result.Tokens, t => Assert.Equal(word, t));
    }

    [FixtureFact(Fixture)]
    public void LoadModel_FixtureWithoutItsEncoder_TypedErrorNamingTheFile()
    {
        var error = Assert.Throws<ModelLoadException>(() => OnnxGenAIWhisper.LoadModel(TestFixtures.PathOf(Fixture)));

        Assert.Contains("dummy_encoder.onnx", error.Message);
        Assert.Contains("not in the folder", error.Message);
    }

    [FixtureFact(Fixture)]
    public void LoadModel_EncoderNotAnOnnxFile_RejectedBeforeGenAISeesIt()
    {
        var folder = Folder();
        File.WriteAllText(Path.Combine(folder, "encoder.onnx"), "<html><body>Bad gateway</body></html>");

        var error = Assert.Throws<ModelLoadException>(() => OnnxGenAIWhisper.LoadModel(folder));

        Assert.Contains("encoder.onnx", error.Message);
        Assert.Contains("not a readable ONNX model", error.Message);
    }

    [FixtureFact(Fixture)]
    public void LoadModel_DecoderOfAnotherExport_TypedErrorNamingTheInput()
    {
        var folder = Folder();
        File.WriteAllText(Path.Combine(folder, "genai_config.json"), File.ReadAllText(Path.Combine(folder, "genai_config.json")).Replace("\"input_ids\": \"input_ids\"", "\"input_ids\": \"decoder_input_ids\"", StringComparison.Ordinal));

        var error = Assert.Throws<ModelLoadException>(() => OnnxGenAIWhisper.LoadModel(folder));

        Assert.Contains("decoder_input_ids", error.Message);
        Assert.Contains("does not match genai_config.json", error.Message);
    }

    [FixtureFact(Fixture)]
    public void LoadModel_NotWhisper_TypedError()
    {
        var folder = Folder();
        File.WriteAllText(Path.Combine(folder, "genai_config.json"), """{ "model": { "type": "llama", "decoder": { "filename": "decoder.onnx" } } }""");

        var error = Assert.Throws<ModelLoadException>(() => OnnxGenAIWhisper.LoadModel(folder));

        Assert.Contains("'llama' model, not whisper", error.Message);
        Assert.False(OnnxGenAIWhisper.IsWhisperFolder(folder));
    }

    [FixtureFact(Fixture)]
    public async Task RunAsync_WordTimestampsWithoutCrossQk_TypedErrorNamingTheOutputs()
    {
        using var model = OnnxGenAIWhisper.LoadModel(Folder(crossQk: false, generationConfig: Heads));
        using var pipeline = Pipeline(model, [(Ts(0), 0), (Id(model, " And"), 10), (Ts(1.2), 60), (EndOfText, 90)]);

        var error = await Assert.ThrowsAsync<WhisperWordTimestampsException>(() => pipeline.RunAsync(Audio(2.0), new SpeechRecognitionOptions { WordTimestamps = true, Language = "en" }));

        Assert.Contains("output_cross_qk_N", error.Message);
        Assert.Contains("genai_config.json", error.Message);
        var segments = await pipeline.RunAsync(Audio(2.0), new SpeechRecognitionOptions { ReturnTimestamps = true, Language = "en" });
        Assert.Equal(" And", segments.Text);
    }

    [FixtureFact(Fixture)]
    public async Task RunAsync_Cancelled_PipelineStillTranscribesAfterwards()
    {
        using var model = OnnxGenAIWhisper.LoadModel(Folder());
        var and = Id(model, " And");
        using var cancel = new CancellationTokenSource();
        var windows = 0;
        using var pipeline = new WhisperSpeechRecognitionPipeline(
            model,
            (input, ct) => Task.FromResult(input.Samples!),
            samples =>
            {
                if (++windows == 2)
                {
                    cancel.Cancel();
                }

                return ScriptedGenAIWhisper.Features([(and, 0), (EndOfText, 50)], promptLength: 4);
            });
        var options = new SpeechRecognitionOptions { Language = "en", ChunkLengthSeconds = 2, StrideLengthSeconds = 0.4 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync(Audio(4.4), options, cancel.Token));
        var result = await pipeline.RunAsync(Audio(2.0), new SpeechRecognitionOptions { Language = "en" });

        Assert.Equal(" And", result.Text);
    }

    [FixtureFact(Fixture)]
    public async Task RunAsync_ConcurrentCalls_SameAsAlone()
    {
        using var model = OnnxGenAIWhisper.LoadModel(Folder(generationConfig: Heads));
        using var pipeline = Pipeline(model, [(Ts(0), 0), (Id(model, " And"), 10), (Id(model, " so"), 30), (Ts(1.2), 60), (EndOfText, 90)]);
        var options = new SpeechRecognitionOptions { WordTimestamps = true, Language = "en" };
        var alone = Describe((await pipeline.RunAsync(Audio(2.0), options)).Chunks!);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => pipeline.RunAsync(Audio(2.0), options))));

        Assert.All(results, r => Assert.Equal(alone, Describe(r.Chunks!)));
        Assert.Equal([" And [0.2, 0.6]", " so [0.6, 1.2]"], alone);
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Ts(double seconds) => TimestampBegin + (int)Math.Round(seconds / 0.02);

    private static int[] Ids(WhisperModel model, string text) =>
        [.. model.Tokenizer.Encode(text, options: new EncodeOptions { AddSpecialTokens = false }).Ids];

    private static int Id(WhisperModel model, string word) => Assert.Single(Ids(model, word));

    private static string[] Describe(IEnumerable<SpeechChunk> chunks) =>
        [.. chunks.Select(c => FormattableString.Invariant($"{c.Text} [{c.Timestamp[0]}, {c.Timestamp[1]}]"))];

    // Each sample holds its own time in seconds, so the features can tell which window they are given.
    private static AudioInput Audio(double seconds) =>
        AudioInput.FromSamples([.. Enumerable.Range(0, (int)Math.Round(seconds * 16_000)).Select(i => i / 16_000f)], 16_000);

    private static WhisperSpeechRecognitionPipeline Pipeline(WhisperModel model, (int Token, int From)[] script) =>
        Pipeline(model, new Dictionary<int, (int Token, int From)[]> { [0] = script });

    private static WhisperSpeechRecognitionPipeline Pipeline(WhisperModel model, Dictionary<int, (int Token, int From)[]> scripts) =>
        new(
            model,
            (input, ct) => Task.FromResult(input.Samples!),
            samples => ScriptedGenAIWhisper.Features(scripts[(int)Math.Round(samples[0] * 10)], promptLength: 3));

    private static int[] GenAIGreedy(string folder, float[] features, int[] prompt, int maxLength)
    {
        using var model = new Model(folder);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", maxLength);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(model, parameters);
        var pin = System.Runtime.InteropServices.GCHandle.Alloc(features, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            using var tensor = new Tensor(pin.AddrOfPinnedObject(), [1, 80, 3000], ElementType.float32);
            generator.SetModelInput("audio_features", tensor);
            generator.AppendTokens(prompt);
            while (!generator.IsDone())
            {
                generator.GenerateNextToken();
            }

            return generator.GetSequence(0).ToArray();
        }
        finally
        {
            pin.Free();
        }
    }

    private string Folder(int layers = 1, bool crossQk = true, int[]? constantScript = null, string? generationConfig = null, int contextLength = 448)
    {
        var folder = ScriptedGenAIWhisper.Create(TestFixtures.PathOf(Fixture), layers, crossQk, constantScript, generationConfig, contextLength);
        _folders.Add(folder);
        return folder;
    }

    private sealed class HfTokenizerProbe(string folder)
    {
        public int[] Ids(string text) => [.. HfTokenizer.FromFolder(folder).Encode(text, options: new EncodeOptions { AddSpecialTokens = false }).Ids];
    }
}
