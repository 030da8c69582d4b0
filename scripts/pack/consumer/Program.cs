// The consumer app of the package check (scripts/pack/check.sh): a fresh `dotnet new console` project outside the
// repository, with HfPipelines.SemanticKernel and HfPipelines.LlamaCpp from the local feed only, gets this file as its
// Program.cs. It registers the plugins on a kernel, runs zero-shot classification on the embedded all-MiniLM-L6-v2
// (offline) and text generation on the stories260K GGUF given as the first argument, and checks the answers.
// Exit code 0: both answered as expected (or the GGUF was absent: "skipped" and the reason are printed);
// 1: a wrong answer, with what was expected and what came back. Any exception also fails the run.
using HfPipelines.Generation;
using HfPipelines.LlamaCpp;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

var ggufPath = args.Length > 0 ? args[0] : "";
var failures = 0;

var builder = Kernel.CreateBuilder();
using var pipelines = Pipeline.CreateProvider();
builder.Services.AddSingleton<IPipelineProvider>(pipelines);
builder.Plugins.AddHfPipelines();
LlamaCppChatClient? chat = File.Exists(ggufPath)
    ? LlamaCppChatClient.Load(ggufPath, new LlamaCppModelOptions { ContextSize = 512, Threads = 2 })
    : null;
if (chat is not null)
{
    builder.Services.AddSingleton<IChatClient>(chat);
}

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

// Text generation on the GGUF, through the IChatClient the kernel holds (greedy, raw prompt: stories260K has no chat template).
if (chat is null)
{
    Console.WriteLine($"text-generation: skipped, the GGUF fixture '{ggufPath}' is absent (fetch the shared fixtures or set HFP_FIXTURES)");
}
else
{
    using (chat)
    {
        var client = kernel.GetRequiredService<IChatClient>();
        var options = new ChatOptions { MaxOutputTokens = 12, AdditionalProperties = new() { [GenerationPropertyNames.RawPrompt] = true } };
        var response = await client.GetResponseAsync("Once upon a time", options).ConfigureAwait(false);
        Console.WriteLine($"text-generation: Once upon a time{response.Text}");
        const string Expected = ", there was a little girl named Lily";
        failures += Check("text-generation continuation", response.Text.StartsWith(Expected, StringComparison.Ordinal), $"'{Expected}...', got '{response.Text}'");
    }
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
