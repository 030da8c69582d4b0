using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using HfPipelines.Tokenization;
using Microsoft.ML.Tokenizers;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// Tokenizer encode throughput on the embedding sentences with all-MiniLM-L6-v2's tokenizer.json (WordPiece): ours
/// (<see cref="HfTokenizer.Encode"/>: ids, tokens, offsets, word ids, masks), Microsoft.ML.Tokenizers'
/// <see cref="BertTokenizer"/> on the same vocabulary (<c>EncodeToIds</c>: ids only), and transformers.js
/// (<c>tokenizer.encode</c>). A pass encodes the sentences <see cref="Loops"/> times; our two sides alternate pass by pass.
/// </summary>
internal static class TokenizerSuite
{
    public const string OursSide = "ours: HfTokenizer.Encode (WordPiece)";
    public const string MlSide = "Microsoft.ML.Tokenizers BertTokenizer.EncodeToIds";
    public const string PeerSide = "transformers.js tokenizer.encode";
    private const int Loops = 20;

    public static async Task RunAsync(SideBySideSettings settings, string folder, string sentencesFile, IReadOnlyList<string> sentences, Report report)
    {
        var ours = HfTokenizer.FromFolder(folder);
        var vocab = Path.Combine(Path.GetDirectoryName(sentencesFile)!, "bert-vocab.txt");
        await File.WriteAllLinesAsync(vocab, Enumerable.Range(0, ours.VocabularySize).Select(i => ours.IdToToken(i) ?? $"[unused{i}]"));
        var ml = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true });
        Func<int> oursPass = () => sentences.Sum(s => ours.Encode(s).Length);
        Func<int> mlPass = () => sentences.Sum(s => ml.EncodeToIds(s).Count);
        WarmUp(oursPass);
        WarmUp(mlPass);
        var oursPasses = new List<double>();
        var mlPasses = new List<double>();
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            // Alternate which side goes first, so that a load spike hits both alike.
            var (first, second) = rep % 2 == 0 ? (oursPasses, mlPasses) : (mlPasses, oursPasses);
            first.Add(sentences.Count * Loops / Time(first == oursPasses ? oursPass : mlPass, Loops));
            second.Add(sentences.Count * Loops / Time(second == oursPasses ? oursPass : mlPass, Loops));
        }

        report.Add(ToMeasurement(OursSide, oursPasses, sentences.Count));
        report.Add(ToMeasurement(MlSide, mlPasses, sentences.Count));
        await RunPeerAsync(settings, folder, sentencesFile, sentences.Count, report);
    }

    /// <summary>Runs a side for half a second, so that its code is fully optimised (tiered JIT) before it is timed.</summary>
    private static void WarmUp(Func<int> pass)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 500)
        {
            pass();
        }
    }

    private static double Time(Func<int> pass, int loops)
    {
        var clock = Stopwatch.StartNew();
        for (var l = 0; l < loops; l++)
        {
            pass();
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The median pass; the latency columns hold the time of one pass over the sentences.</summary>
    private static Measurement ToMeasurement(string side, List<double> passes, int sentences)
    {
        var sorted = passes.Order().ToArray();
        var median = sorted[(sorted.Length - 1) / 2];
        var ms = sentences * 1000.0 / median;
        return new Measurement("tokenizer", side, 1, median, "texts/s", ms, ms, passes);
    }

    private static async Task RunPeerAsync(SideBySideSettings settings, string folder, string sentencesFile, int sentences, Report report)
    {
        var peer = await NodePeer.RunAsync(Path.Combine(settings.ScriptsDirectory, "tokenize.mjs"),
            ["--model-dir", folder, "--input", sentencesFile, "--repetitions", settings.Repetitions.ToString(CultureInfo.InvariantCulture), "--loops", Loops.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(5), report.Note);
        if (peer?["passes_texts_per_second"] is not JsonArray passes)
        {
            report.Note("transformers.js tokenizer did not run: install it with scripts/bench/setup.sh.");
            return;
        }

        report.Add(ToMeasurement(PeerSide, [.. passes.Select(p => p!.GetValue<double>())], sentences));
    }
}
