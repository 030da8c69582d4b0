// Registers the HfPipelines plugins on a Semantic Kernel kernel and invokes one function.
// Runs offline: zero-shot classification defaults to the embedded all-MiniLM-L6-v2.
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel;
using HfPipelines.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

var builder = Kernel.CreateBuilder();
using var pipelines = Pipeline.CreateProvider();
builder.Services.AddSingleton<IPipelineProvider>(pipelines);
builder.Plugins.AddHfPipelines(); // options.Models[task] = "org/name" picks other models, e.g. an NLI model for zero-shot
var kernel = builder.Build();

foreach (var function in kernel.Plugins.GetFunctionsMetadata())
{
    Console.WriteLine($"{function.PluginName}_{function.Name}: {function.Description}");
}

var result = await kernel.InvokeAsync(
    HfPipelinesPlugins.ClassificationPluginName,
    "classify_zero_shot",
    new KernelArguments { ["text"] = "My invoice is wrong, please refund me.", ["labels"] = "billing, software bug, sales" }).ConfigureAwait(false);
var scores = result.GetValue<ZeroShotClassificationResult>()!;
Console.WriteLine($"{scores.Labels[0]} ({scores.Scores[0]:F2})");

