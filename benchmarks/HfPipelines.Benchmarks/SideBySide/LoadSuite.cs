using System.Diagnostics;
using HfPipelines.LlamaCpp;
using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Tokenization;

namespace HfPipelines.Benchmarks.SideBySide;

/// <summary>
/// Load time (cold: the first load of that model in this process; warm: a second load after disposing the first)
/// and what the loaded model adds to the working set and to the GC heap. Runs first, so "cold" includes loading the native runtime.
/// </summary>
internal static class LoadSuite
{
    public static void Run(SideBySideSettings settings, string miniLmFolder, Report report)
    {
        var fixtures = settings.FixturesDirectory;
        Measure("all-MiniLM-L6-v2 feature-extraction (ONNX Runtime)", report,
            () => OnnxPipelines.CreateFeatureExtraction(miniLmFolder, HfTokenizer.FromFolder(miniLmFolder)));
        Measure("mobilenetv2-12-int8 image-classification (ONNX Runtime)", report,
            () => ImageClassificationPipeline.Create(Path.Combine(fixtures, "onnx", "mobilenetv2-12-int8", "mobilenetv2-12-int8.onnx")));
        Measure("stories260K chat client (llama.cpp, ctx 2048)", report,
            () => LlamaCppChatClient.Load(Path.Combine(fixtures, "gguf", "stories260K", "stories260K.gguf"), new LlamaCppModelOptions { ContextSize = 2048 }));
    }

    private static void Measure(string model, Report report, Func<IDisposable> load)
    {
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = WorkingSet();
        var cold = Stopwatch.StartNew();
        var first = load();
        var coldMs = cold.Elapsed.TotalMilliseconds;
        var workingSetMb = (WorkingSet() - workingSetBefore) / 1e6;
        var managedMb = (GC.GetTotalMemory(forceFullCollection: true) - managedBefore) / 1e6;
        first.Dispose();
        var warm = Stopwatch.StartNew();
        var second = load();
        var warmMs = warm.Elapsed.TotalMilliseconds;
        second.Dispose();
        report.Loads.Add(new LoadFigure(model, coldMs, warmMs, workingSetMb, managedMb, string.Empty));
        Console.WriteLine($"  load {model}: cold {coldMs:0} ms, warm {warmMs:0} ms, +{workingSetMb:0.0} MB working set, +{managedMb:0.0} MB managed");
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
