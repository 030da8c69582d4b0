// The consumer app of the package check (scripts/pack/check.sh): a fresh `dotnet new console` project outside the
// repository, with HfPipelines.SemanticKernel and HfPipelines.LlamaCpp from the local feed only, gets this file as its
// Program.cs. It registers the plugins on a kernel, runs zero-shot classification on the embedded all-MiniLM-L6-v2
// (offline) and text generation on the stories260K GGUF given as the first argument, and checks the answers.
// Exit code 0: both answered as expected (or the GGUF was absent: "skipped" and the reason are printed);
// 1: a wrong answer, with what was expected and what came back. Any exception also fails the run.
using HfPipelines.LlamaCpp;
using HfPipelines.SemanticKernel;
using HfPipelines.Tasks;
using Microsoft.SemanticKernel;

var ggufPath = args.Length > 0 ? args[0] : "";
var failures = 0;

// Only the kernel builder, the plugins and the backend registration: the library composes the rest.
var builder = Kernel.CreateBuilder();
builder.Plugins.AddHfPipelines(o =>
{
    if (File.Exists(ggufPath))
    {
        o.Models[PipelineTaskNames.TextGeneration] = ggufPath;
    }
});
builder.Services.AddLlamaCpp(o =>
{
    o.ContextSize = 512;
    o.Threads = 2;
});
var kernel = builder.Build();
Console.WriteLine($"plugins: {string.Join(", ", kernel.Plugins.Select(p => $"{p.Name} ({p.FunctionCount})"))}");

// Zero-shot classification through the kernel function, on the embedded model.
var result = await kernel.InvokeAsync(
    HfPipelinesPlugins.ClassificationPluginName,
    "classify_zero_shot",
    new KernelArguments
    {
        ["text"] = "I was charged twice for my subscription this month, please refund the second payment.",
        ["labels"] = "billing, software bug, buying",
    }).ConfigureAwait(false);
var scores = result.GetValue<ZeroShotClassificationResult>()!;
Console.WriteLine($"zero-shot: {scores.Labels[0]} {scores.Scores[0]:F2}");
failures += Check("zero-shot top label", scores.Labels[0] == "billing" && scores.Scores[0] > 0.5, $"billing above 0.5, got {scores.Labels[0]} {scores.Scores[0]:F2}");

// Text generation on the GGUF through the Generation plugin: llama.cpp is reached by AddLlamaCpp() alone.
if (!File.Exists(ggufPath))
{
    Console.WriteLine($"text-generation: skipped, the GGUF fixture '{ggufPath}' is absent (fetch the shared fixtures or set HFP_FIXTURES)");
}
else
{
    var story = await kernel.InvokeAsync(
        HfPipelinesPlugins.GenerationPluginName,
        "generate",
        new KernelArguments { ["prompt"] = "Once upon a time", ["maxNewTokens"] = 12 }).ConfigureAwait(false);
    var text = story.GetValue<TextGenerationResult>()!.GeneratedText;
    Console.WriteLine($"text-generation: Once upon a time{text}");
    const string Expected = ", there was a little girl named Lily";
    failures += Check("text-generation continuation", text.StartsWith(Expected, StringComparison.Ordinal), $"'{Expected}...', got '{text}'");
}

Console.WriteLine(failures == 0 ? "consumer: ok" : $"consumer: {failures} check(s) failed");
return failures == 0 ? 0 : 1;

static int Check(string what, bool ok, string expectation)
{
    if (!ok)
    {
        Console.Error.WriteLine($"consumer: {what} is wrong: expected {expectation}");
    }

    return ok ? 0 : 1;
}
