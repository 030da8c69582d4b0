// Registers the HfPipelines plugins on a Semantic Kernel kernel and invokes one function.
// Runs offline: zero-shot classification defaults to the embedded all-MiniLM-L6-v2.
// Usage: dotnet run --project examples/PluginsQuickstart -- ["text to classify"]
using HfPipelines;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel;
using HfPipelines.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using HfPipelines.Composition;

if (args.Length > 1 || (args.Length == 1 && string.IsNullOrWhiteSpace(args[0])))
{
    Console.Error.WriteLine("PluginsQuickstart: pass at most one non-empty text to classify (quote it), e.g. \"My invoice is wrong, please refund me.\"");
    return 2;
}

var text = args.Length == 1 ? args[0] : "My invoice is wrong, please refund me.";
var builder = Kernel.CreateBuilder();
using var pipelines = Pipeline.CreateProvider();
builder.Services.AddSingleton<IPipelineProvider>(pipelines);
builder.Plugins.AddHfPipelines(); // options.Models[task] = "org/name" picks other models, e.g. an NLI model for zero-shot
var kernel = builder.Build();

foreach (var function in kernel.Plugins.GetFunctionsMetadata())
{
    Console.WriteLine($"{function.PluginName}_{function.Name}: {function.Description}");
}

try
{
    var result = await kernel.InvokeAsync(
        HfPipelinesPlugins.ClassificationPluginName,
        "classify_zero_shot",
        new KernelArguments { ["text"] = text, ["labels"] = "billing, software bug, sales" }).ConfigureAwait(false);
    var scores = result.GetValue<ZeroShotClassificationResult>()!;
    Console.WriteLine($"{scores.Labels[0]} ({scores.Scores[0]:F2})");
    return 0;
}
catch (Exception ex) when (ex is HfPipelinesException or KernelException)
{
    Console.Error.WriteLine($"PluginsQuickstart: {ex.Message.ReplaceLineEndings(" ")}");
    return 1;
}

