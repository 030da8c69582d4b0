using System.Globalization;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>The goals of the performance issue, checked on the merged measurements of every round.</summary>
internal static class GoalEvaluator
{
    private const string Ours = EmbeddingSuite.OursSide;
    private const string Bare = EmbeddingSuite.BareSide;
    private const string Peer = "transformers.js";

    public static void Evaluate(Report report)
    {
        report.Goal("tokenizer: ours / Microsoft.ML BertTokenizer", report.Find("tokenizer", TokenizerSuite.OursSide, 1), report.Find("tokenizer", TokenizerSuite.MlSide, 1), 1.0);
        report.Goal("tokenizer: ours / transformers.js", report.Find("tokenizer", TokenizerSuite.OursSide, 1), report.Find("tokenizer", TokenizerSuite.PeerSide, 1), 3.0);
        report.Goal("embeddings b32: ours / transformers.js", report.Find("embeddings", Ours, 32), report.Find("embeddings", Peer, 32), 1.5);
        report.Goal("embeddings, one call of 256: ours / transformers.js", report.Find("embeddings", Ours, 256), report.Find("embeddings", Peer, 256), 1.5);
        report.Goal("embeddings b1: ours / transformers.js", report.Find("embeddings", Ours, 1), report.Find("embeddings", Peer, 1), 1.25);
        report.Goal("embeddings b1: ours / bare loop (within 5%)", report.Find("embeddings", Ours, 1), report.Find("embeddings", Bare, 1), 0.95);
        report.Goal("concurrent / sequential single calls", report.Find("concurrency", "32 concurrent callers, one text each", 1), report.Find("concurrency", "32 single calls, one after another", 1), 2.0);
        report.Goal("images: end to end / raw Run (b8)", report.Find("images", ImageSuite.Ours, 8), report.Find("images", ImageSuite.Raw, 8), 0.60);
        foreach (var threads in new[] { 1, 2 })
        {
            var free = report.Find("generation", $"ours: LlamaCppChatClient, {threads} thread(s)", 1);
            report.Goal($"generation {threads}T: ours / LLamaSharp bare loop", free, report.Find("generation", $"LLamaSharp bare decode loop, {threads} thread(s)", 1), 0.95);
            report.Goal($"generation {threads}T: constrained slowdown per token", report.Find("generation", $"ours, tool-call grammar, {threads} thread(s)", 1), free, 0.15, atMost: true, transform: r => (1 / r) - 1);
        }

        foreach (var model in (string[])["stories260K", "llama-2-tiny-random"])
        {
            report.Goal($"generation 1T {model}: constrained slowdown per token (interleaved)", report.Find("generation", GrammarSuite.Side(model, "tool-call grammar"), 1), report.Find("generation", GrammarSuite.Side(model, "free"), 1), 0.15, atMost: true, transform: r => (1 / r) - 1);
        }

        foreach (var model in AgentSuite.Models)
        {
            foreach (var what in (string[])["generation", "prompt"])
            {
                report.Compare($"threads {model} {what} (no target): 2 threads / 1 thread", report.Find(ThreadSuite.Suite, ThreadSuite.Side(model, what, 2), 1), report.Find(ThreadSuite.Suite, ThreadSuite.Side(model, what, 1), 1));
            }

            report.Goal($"agent {model}: time to first token, turn 6 / turn 1 (prompt cache)", report.Find(AgentSuite.Suite, AgentSuite.Side(model, true), 6), report.Find(AgentSuite.Suite, AgentSuite.Side(model, true), 1), 1.3, atMost: true);
            report.Compare($"agent {model}: time to first token, turn 6 / turn 1 (no cache, before)", report.Find(AgentSuite.Suite, AgentSuite.Side(model, false), 6), report.Find(AgentSuite.Suite, AgentSuite.Side(model, false), 1));
            report.Compare($"agent {model}: time to first token of turn 6, no cache / prompt cache", report.Find(AgentSuite.Suite, AgentSuite.Side(model, false), 6), report.Find(AgentSuite.Suite, AgentSuite.Side(model, true), 6));
        }

        report.Goal("generation 1T: ours / node-llama-cpp", report.Find("generation", "ours: LlamaCppChatClient, 1 thread(s)", 1), report.Find("generation", "node-llama-cpp (prebuilt, no OpenMP), 1 thread", 1), 1.0);
        if (report.Measurements.Any(m => m.Suite == SpeechSuite.Suite))
        {
            Speech(report);
        }
    }

    /// <summary>Speech (issue #7) has no target beyond publishing the figures: informational lines only.</summary>
    private static void Speech(Report report)
    {
        Measurement? Find(string side) => report.Find(SpeechSuite.Suite, side, 1);
        foreach (var bins in new[] { 80, 128 })
        {
            report.Compare($"speech log-mel {bins} bins (no target): ours / transformers.js", Find(SpeechSuite.Ours(bins, perCpuSecond: false)), Find(SpeechSuite.Peer(bins)));
            report.Compare($"speech log-mel {bins} bins per CPU second (no target): ours / transformers.js", Find(SpeechSuite.Ours(bins, perCpuSecond: true)), Find(SpeechSuite.Peer(bins, perCpuSecond: true)));
        }

        if (Find(SpeechSuite.Ours(80, perCpuSecond: false)) is { } features)
        {
            report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"speech log-mel 80 bins as real time (no target): {features.Throughput:0.0} windows/s of 30 s is {features.Throughput * 30:0} x real time on long audio."));
        }

        foreach (var path in AsrRealTime.Paths)
        {
            var (run, decode, extract, rest) = (Find(AsrRealTime.Side(path)), Find(AsrRealTime.Split(path, "decode")), Find(AsrRealTime.Split(path, "features")), Find(AsrRealTime.Split(path, "rest")));
            if (run is null || decode is null || extract is null || rest is null)
            {
                report.Notes.Add($"speech end to end, {path} path: not measured (a side did not run).");
                continue;
            }

            var ms = AsrRealTime.ClipSeconds * 1000 / run.Throughput;
            report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"speech end to end, {path} path (no target): {run.Throughput:0.0} x real time, {ms:0.0} ms per run of the 11-s file; medians per run: file decode {decode.Throughput:0.0} ms ({Share(decode.Throughput, ms)}), log-mel features {extract.Throughput:0.0} ms ({Share(extract.Throughput, ms)}), the rest (language detection, prompt, encoder, decoding loop, text) {rest.Throughput:0.0} ms ({Share(rest.Throughput, ms)})."));
        }
    }

    private static string Share(double part, double whole) => string.Create(CultureInfo.InvariantCulture, $"{100 * part / whole:0}%");
}
