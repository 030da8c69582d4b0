using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel.Plugins;

/// <summary>
/// The kernel function of a task that has no hand-written plugin function: its parameters are the descriptor's
/// arguments (Python names, typed), and a call runs <see cref="PipelineTask.RunArgumentsAsync"/>.
/// </summary>
internal static class TaskKernelFunction
{
    public static KernelFunction Create(PipelineTask task, TaskTool tool, IPipelineProvider provider, HfPipelinesOptions options) =>
        KernelFunctionFactory.CreateFromMethod(
            (KernelArguments arguments, CancellationToken cancellationToken) =>
                task.RunArgumentsAsync(provider, options.ModelFor(task.Name), Nodes(arguments), cancellationToken),
            new KernelFunctionFromMethodOptions
            {
                FunctionName = tool.Function,
                Description = tool.Description,
                Parameters = [.. task.Arguments.Select(Parameter)],
                ReturnParameter = new KernelReturnParameterMetadata { ParameterType = task.ResultType, Description = $"The {task.Name} result." },
            });

    private static KernelParameterMetadata Parameter(TaskArgument argument) => new(argument.Name)
    {
        Description = argument.Description,
        IsRequired = argument.Required,
        ParameterType = argument.Type switch
        {
            TaskArgumentType.Integer => typeof(int),
            TaskArgumentType.Number => typeof(double),
            TaskArgumentType.Boolean => typeof(bool),
            _ => typeof(string),
        },
    };

    private static Dictionary<string, JsonNode?> Nodes(KernelArguments arguments) =>
        arguments.ToDictionary(
            kv => kv.Key,
            kv => kv.Value switch
            {
                null => null,
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                JsonNode node => node.DeepClone(),
                var value => JsonSerializer.SerializeToNode(value, value.GetType()),
            },
            StringComparer.Ordinal);
}
