using System.Diagnostics;
using System.Globalization;
using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using HfPipelines.Speech.Whisper;
using HfPipelines.Tokenization;

/// <summary>
/// Per-token time of Whisper's decoding loop (issue 22) on <see cref="WhisperLikeModel"/>: <see cref="WhisperModel.TranscribeWindow(float[], string?, bool, bool, WhisperDecoding, CancellationToken)"/>
/// over one 30-s window, English, no timestamps, 210 new tokens, greedy. A token's time is from one decoder step's start
/// to the next's, so it holds the decoder run and everything the loop does with the 51,865 logits.
/// </summary>
internal static class WhisperSteps
{
    private const int NewTokens = 210;

    public static void Run(string templateFolder, int runs, int? onlyBeams = null)
    {
        Console.WriteLine($"Whisper-shaped export: {WhisperLikeModel.Layers} decoder layers of width {WhisperLikeModel.Width}, {WhisperLikeModel.Frames} encoder frames, 51,865 tokens; greedy, 1 window; median over {runs} runs of the tokens 16-25 and 196-205, the ratio the median of the runs' own ratios (5 beams and no cache: 1 run unless only one row is asked for)");
        Console.WriteLine("| layout | ms per token at step 20 | at step 200 | step 200 / step 20 | ms for 200 tokens | of which the decoder run (Step), step 20 | step 200 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (layout, beams) in new[] { ("with-past", 1), ("with-past", 5), ("no-cache", 1) }.Where(r => onlyBeams is null || (r.Item1 == "with-past" && r.Item2 == onlyBeams)))
        {
            var folder = WhisperLikeModel.Write(templateFolder, layout);
            try
            {
                var engine = new TimedEngine(OnnxSeq2SeqModel.Load(folder));
                using var model = new WhisperModel(engine, HfTokenizer.FromFolder(folder), Seq2SeqGenerationConfig.FromModelFolder(folder), System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!.AsObject());
                var features = new float[80 * 3000];
                var count = (layout == "with-past" && beams == 1) || onlyBeams is not null ? runs : 1;
                var times = new List<double[]>();
                var stepOnly = new List<double[]>();
                for (var run = 0; run <= count; run++)
                {
                    engine.Marks.Clear();
                    engine.StepTimes.Clear();
                    var result = model.TranscribeWindow(features, "en", translate: false, timestamps: false, null, new WhisperDecoding { MaxNewTokens = NewTokens, NumBeams = beams });
                    if (result.Tokens.Count < NewTokens)
                    {
                        throw new InvalidOperationException($"Only {result.Tokens.Count} tokens were generated.");
                    }

                    var marks = engine.Marks;
                    var perToken = Enumerable.Range(0, marks.Count - 1).Select(i => Stopwatch.GetElapsedTime(marks[i], marks[i + 1]).TotalMilliseconds).ToArray();
                    if (run > 0 || count == 1)
                    {
                        times.Add(perToken);
                        stepOnly.Add([.. engine.StepTimes]);
                    }
                }

                var at20 = StepTimes.Median(times.SelectMany(r => r[16..26]));
                var at200 = StepTimes.Median(times.SelectMany(r => r[196..206]));
                var total = StepTimes.Median(times.Select(r => r[1..201].Sum()));
                var (step20, step200) = (StepTimes.Median(stepOnly.SelectMany(r => r[16..26])), StepTimes.Median(stepOnly.SelectMany(r => r[196..206])));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {layout}, {beams} beam(s) | {at20:0.000} | {at200:0.000} | {StepTimes.RatioOfRuns(times):0.00} | {total:0} | {step20:0.000} | {step200:0.000} |"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The ONNX Runtime engine's sessions, with the time each decoder step starts.</summary>
    private sealed class TimedEngine(OnnxSeq2SeqModel model) : IWhisperEngine
    {
        public List<long> Marks { get; } = [];

        /// <summary>The time of each decoder run alone (the session's Step).</summary>
        public List<double> StepTimes { get; } = [];

        public int CrossAttentionLayers => 0;

        public string CrossAttentionHelp => "The benchmark's export has no attention outputs";

        public string CrossAttentionOutputName(int layer) => "cross_attentions." + layer.ToString(CultureInfo.InvariantCulture);

        public ISeq2SeqSession Start(float[] features, int[] dimensions, WhisperCrossAttentionObserver? observer) =>
            new TimedSession(model.StartWithFeatures(features, dimensions), Marks, StepTimes);

        public ISeq2SeqSession Start(float[] features, int[] dimensions, int beams) =>
            new TimedSession(model.StartWithFeatures(features, dimensions, beams), Marks, StepTimes);

        public void Dispose() => model.Dispose();
    }

    private sealed class TimedSession(ISeq2SeqSession inner, List<long> marks, List<double> stepTimes) : ISeq2SeqSession
    {
        private List<double> StepTimes => stepTimes;

        public int VocabularySize => inner.VocabularySize;

        public float[][] Step(IReadOnlyList<IReadOnlyList<int>> sequences, IReadOnlyList<int>? sourceRows)
        {
            marks.Add(Stopwatch.GetTimestamp());
            var start = Stopwatch.GetTimestamp();
            var logits = inner.Step(sequences, sourceRows);
            StepTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return logits;
        }

        public void Dispose() => inner.Dispose();
    }
}
