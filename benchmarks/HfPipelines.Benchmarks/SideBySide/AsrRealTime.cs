using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using HfPipelines.Audio;
using HfPipelines.OnnxGenAI;
using HfPipelines.OnnxGenAI.Whisper;
using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tokenization;
using Microsoft.ML.OnnxRuntime;
using HfPipelines.Composition;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// Real-time factor of the whole recognition path on jfk.wav (file decode, resampling, log-mel features, encoder,
/// decoder, text), with default <see cref="SpeechRecognitionOptions"/> (language detected), sessions of one thread:
/// through ONNX Runtime (<see cref="ScriptedWhisperExport"/>, the pipeline built as the provider builds it for an ONNX
/// Whisper folder) and through ONNX Runtime GenAI (<see cref="ScriptedGenAIWhisper"/>, the pipeline built as
/// <see cref="OnnxGenAIWhisper.CreatePipeline"/> builds it). Both graphs play the same script (the transcript) and cost
/// next to nothing, so the figure is what our code around the model costs. The pipelines get the library's own audio
/// reader and feature extractor (its <c>Parallel.For</c> on all cores), each wrapped in a timer, so the split between
/// decoding, features and the rest comes from the same runs. A pass transcribes the file <see cref="Runs"/> times;
/// the paths alternate.
/// </summary>
internal static class AsrRealTime
{
    public const string RealTimeUnit = "x real time";
    public const string SplitUnit = "ms per run";
    public const string Transcript = " And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.";
    /// <summary>The length of jfk.wav (176,000 samples at 16 kHz; the fixture's checksum is in MANIFEST.tsv).</summary>
    public const double ClipSeconds = 11.0;
    private const int Runs = 3;

    /// <summary>The paths' names, as in the side labels.</summary>
    public static IReadOnlyList<string> Paths { get; } = ["ONNX Runtime", "ONNX Runtime GenAI"];

    /// <summary>A path's end-to-end side.</summary>
    public static string Side(string path) => $"ours: jfk.wav end to end, {path} path, 1 thread";

    /// <summary>A path's split side: <c>decode</c>, <c>features</c> or <c>rest</c>.</summary>
    public static string Split(string path, string part) => $"split, {path} path: " + part switch
    {
        "decode" => "file decode + resampling (AudioDecoder.ReadChunksAsync)",
        "features" => "log-mel 80 bins (WhisperFeatureExtractor.Extract)",
        _ => "the rest (language detection, prompt, encoder, decoding loop, text)",
    };

    public static async Task RunAsync(SideBySideSettings settings, string jfk, Report report)
    {
        var tokenizerFolder = Path.Combine(settings.FixturesDirectory, "ortgenai", "whisper-partial");
        var script = Script(tokenizerFolder);
        var onnxFolder = ScriptedWhisperExport.Create(tokenizerFolder, script);
        var genaiFolder = ScriptedGenAIWhisper.Create(tokenizerFolder, constantScript: [.. script]);
        try
        {
            using var sessionOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            var onnxTimer = new StageTimer();
            var genaiTimer = new StageTimer();
            using var onnx = Pipeline(OnnxModel(onnxFolder, sessionOptions), onnxTimer);
            using var genai = Pipeline(OnnxGenAIWhisper.LoadModel(genaiFolder, new OnnxGenAIModelOptions { Threads = 1 }), genaiTimer);
            var paths = new[] { (Path: Paths[0], Pipeline: onnx, Timer: onnxTimer), (Path: Paths[1], Pipeline: genai, Timer: genaiTimer) };
            foreach (var path in paths)
            {
                await WarmUpAsync(path.Pipeline, jfk);
            }

            var passes = paths.ToDictionary(p => p.Path, _ => new List<(double Run, double Decode, double Features)>());
            for (var rep = 0; rep < settings.Repetitions; rep++)
            {
                for (var i = 0; i < paths.Length; i++)
                {
                    var (path, pipeline, timer) = paths[(i + rep) % paths.Length];
                    passes[path].Add(await TimeAsync(pipeline, timer, jfk));
                }
            }

            const double seconds = ClipSeconds;
            foreach (var (path, _, _) in paths)
            {
                var timed = passes[path];
                report.Add(Measure(Side(path), [.. timed.Select(t => seconds * 1000 / t.Run)], RealTimeUnit, ms: seconds * 1000 / Median(timed.Select(t => seconds * 1000 / t.Run))));
                report.Add(Measure(Split(path, "decode"), [.. timed.Select(t => t.Decode)], SplitUnit));
                report.Add(Measure(Split(path, "features"), [.. timed.Select(t => t.Features)], SplitUnit));
                report.Add(Measure(Split(path, "rest"), [.. timed.Select(t => t.Run - t.Decode - t.Features)], SplitUnit));
            }

            report.Note($"Speech end to end: each pass transcribes jfk.wav {Runs} times; the scripted graphs say the {script.Count} tokens of the transcript (language, task and no-timestamps included) whatever the audio, and cost next to nothing, so \"x real time\" measures our code around the model (decode, resampling, features, prompt, decoding loop, text), not a real Whisper.");
        }
        finally
        {
            Directory.Delete(onnxFolder, recursive: true);
            Directory.Delete(genaiFolder, recursive: true);
        }
    }

    /// <summary>The script both graphs play: language, task, no timestamps, the transcript's tokens, end of text.</summary>
    private static List<int> Script(string tokenizerFolder)
    {
        var tokenizer = HfTokenizer.FromFolder(tokenizerFolder);
        int Id(string token) => tokenizer.TokenToId(token) ?? throw new InvalidOperationException($"The Whisper tokenizer has no {token}.");
        var text = tokenizer.Encode(Transcript, options: new EncodeOptions { AddSpecialTokens = false }).Ids;
        return [Id("<|en|>"), Id("<|transcribe|>"), Id("<|notimestamps|>"), .. text, Id("<|endoftext|>")];
    }

    /// <summary>The model as the provider loads an ONNX Whisper folder (LocalPipelines), with the sessions' options.</summary>
    private static WhisperModel OnnxModel(string folder, SessionOptions sessionOptions)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!.AsObject();
        return new WhisperModel(OnnxSeq2SeqModel.Load(folder, sessionOptions), HfTokenizer.FromFolder(folder), Seq2SeqGenerationConfig.FromModelFolder(folder), config);
    }

    /// <summary>The pipeline as LocalPipelines and OnnxGenAIWhisper.CreatePipeline build it, its two delegates timed.</summary>
    private static WhisperSpeechRecognitionPipeline Pipeline(WhisperModel model, StageTimer timer)
    {
        var features = new WhisperFeatureExtractor(new WhisperFeatureExtractorOptions { FeatureSize = model.NumMelBins });
        return new WhisperSpeechRecognitionPipeline(
            model,
            (input, ct) => timer.Decode(AudioDecoder.ReadChunksAsync(input, WhisperSpeechRecognitionPipeline.SampleRate, cancellationToken: ct), ct),
            samples => timer.Features(() => features.Extract(samples)));
    }

    private static async Task TranscribeAsync(WhisperSpeechRecognitionPipeline pipeline, string file)
    {
        var result = await pipeline.RunAsync(AudioInput.FromFile(file));
        if (result.Text != Transcript)
        {
            throw new InvalidOperationException($"The scripted Whisper said '{result.Text}' instead of the transcript: the benchmark's graphs or the pipeline are broken.");
        }
    }

    private static async Task WarmUpAsync(WhisperSpeechRecognitionPipeline pipeline, string file)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            await TranscribeAsync(pipeline, file);
        }
        while (clock.ElapsedMilliseconds < 500);
    }

    /// <summary>Milliseconds per run over <see cref="Runs"/> runs: the whole run, and of it the decode and the features.</summary>
    private static async Task<(double Run, double Decode, double Features)> TimeAsync(WhisperSpeechRecognitionPipeline pipeline, StageTimer timer, string file)
    {
        timer.Reset();
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < Runs; r++)
        {
            await TranscribeAsync(pipeline, file);
        }

        return (clock.Elapsed.TotalMilliseconds / Runs, timer.DecodeMs / Runs, timer.FeaturesMs / Runs);
    }

    /// <summary>The median pass; the latency columns hold milliseconds per run (<paramref name="ms"/>, or the median for the split).</summary>
    private static Measurement Measure(string side, List<double> passes, string unit, double? ms = null)
    {
        var median = Median(passes);
        return new Measurement(SpeechSuite.Suite, side, 1, median, unit, ms ?? median, ms ?? median, passes);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Time spent in the pipeline's decode and feature delegates (one pipeline, one run at a time).</summary>
    private sealed class StageTimer
    {
        private long _decode;
        private long _features;

        public double DecodeMs => Stopwatch.GetElapsedTime(0, _decode).TotalMilliseconds;

        public double FeaturesMs => Stopwatch.GetElapsedTime(0, _features).TotalMilliseconds;

        public void Reset() => (_decode, _features) = (0, 0);

        public float[] Features(Func<float[]> extract)
        {
            var start = Stopwatch.GetTimestamp();
            var features = extract();
            _features += Stopwatch.GetTimestamp() - start;
            return features;
        }

        public async IAsyncEnumerable<float[]> Decode(IAsyncEnumerable<float[]> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var chunk = chunks.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                var more = await chunk.MoveNextAsync();
                _decode += Stopwatch.GetTimestamp() - start;
                if (!more)
                {
                    yield break;
                }

                yield return chunk.Current;
            }
        }
    }
}
