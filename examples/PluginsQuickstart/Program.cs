// Registers the HfPipelines plugins on a Semantic Kernel kernel and invokes one function.
// Running it needs the real pipeline provider: replace CreatePipelineProvider below.
using HfPipelines;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel;
using HfPipelines.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

var builder = Kernel.CreateBuilder();
builder.Services.AddSingleton(CreatePipelineProvider());
builder.Plugins.AddHfPipelines(options => options.Models[PipelineTasks.ZeroShotClassification] = "Xenova/nli-deberta-v3-xsmall");
var kernel = builder.Build();

foreach (var function in kernel.Plugins.GetFunctionsMetadata())
{
    Console.WriteLine($"{function.PluginName}_{function.Name}: {function.Description}");
}

var result = await kernel.InvokeAsync(
    HfPipelinesPlugins.ClassificationPluginName,
    "classify_zero_shot",
    new KernelArguments { ["text"] = "My invoice is wrong, please refund me.", ["labels"] = "sales, support" }).ConfigureAwait(false);
var scores = result.GetValue<ZeroShotClassificationResult>()!;
Console.WriteLine($"{scores.Labels[0]} ({scores.Scores[0]:F2})");

static IPipelineProvider CreatePipelineProvider() =>
    throw new HfPipelinesException("Wire the HfPipelines pipeline provider here (the application's IPipelineProvider).");
