using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel.Agents;
using HfPipelines.SemanticKernel.Plugins;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>Runs one step once (one item of a foreach step): evaluates its arguments, calls the task, prompt or agent.</summary>
internal sealed class WorkflowStepExecutor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly IPipelineProvider _provider;
    private readonly WorkflowRunnerOptions _options;

    public WorkflowStepExecutor(IPipelineProvider provider, WorkflowRunnerOptions options)
    {
        _provider = provider;
        _options = options;
        var pipelines = options.Pipelines ?? new HfPipelinesOptions();
        Tasks = pipelines.TaskCatalog.All.Where(t => pipelines.IsEnabled(t.Name)).ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The descriptor of each enabled task, by canonical task name.</summary>
    public IReadOnlyDictionary<string, PipelineTask> Tasks { get; }

    public async Task<JsonNode?> RunAsync(WorkflowStep step, WorkflowDefinition definition, JsonObject scope, CancellationToken cancellationToken)
    {
        return step.Kind switch
        {
            WorkflowStepKind.Task => await RunTaskAsync(step, definition, scope, cancellationToken).ConfigureAwait(false),
            WorkflowStepKind.Prompt => await RunPromptAsync(step, definition, scope, cancellationToken).ConfigureAwait(false),
            _ => await RunAgentAsync(step, scope, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<JsonNode?> RunTaskAsync(WorkflowStep step, WorkflowDefinition definition, JsonObject scope, CancellationToken cancellationToken)
    {
        var task = Tasks.Values.FirstOrDefault(t => t.Answers(step.Target)) ?? Tasks[PipelineTaskNames.Translation];
        var arguments = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (PipelineTasks.TryParseTranslationPair(step.Target, out var source, out var target))
        {
            arguments["src_lang"] = source;
            arguments["tgt_lang"] = target;
        }

        foreach (var argument in step.With)
        {
            arguments[WorkflowValidator.Parameter(task, argument.Name)!.Name] = ArgumentNode(argument, scope);
        }

        var model = ModelPath(step.Model, definition.BaseDirectory) ?? _options.Pipelines?.ModelFor(task.Name);
        var result = await task.RunArgumentsAsync(_provider, model, arguments, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToNode(result, Json);
    }

    /// <summary>A step's model: a path relative to the workflow file's folder becomes absolute; anything else is kept.</summary>
    internal static string? ModelPath(string? model, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        var trimmed = model.Trim();
        if (Path.IsPathRooted(trimmed))
        {
            return trimmed;
        }

        var local = Path.GetFullPath(Path.Combine(baseDirectory, trimmed.Split(':')[0]));
        var explicitlyLocal = trimmed.StartsWith("./", StringComparison.Ordinal) || trimmed.StartsWith("../", StringComparison.Ordinal);
        return explicitlyLocal || Directory.Exists(local) || File.Exists(local) ? Path.GetFullPath(Path.Combine(baseDirectory, trimmed)) : trimmed;
    }

    private static JsonNode? ArgumentNode(WorkflowArgument argument, JsonObject scope)
    {
        if (argument.Items is null)
        {
            return JsonValue.Create(WorkflowExpressions.AsText(WorkflowExpressions.Interpolate(argument.Text!, scope)));
        }

        var items = new JsonArray();
        foreach (var item in argument.Items)
        {
            items.Add(WorkflowExpressions.AsText(WorkflowExpressions.Interpolate(item, scope)));
        }

        return items;
    }

    private async Task<JsonNode?> RunPromptAsync(WorkflowStep step, WorkflowDefinition definition, JsonObject scope, CancellationToken cancellationToken)
    {
        var template = await File.ReadAllTextAsync(definition.FindPrompt(step.Target)!, cancellationToken).ConfigureAwait(false);
        var with = new JsonObject();
        foreach (var argument in step.With)
        {
            with[argument.Name] = ArgumentText(argument, scope);
        }

        var local = (JsonObject)scope.DeepClone();
        local["with"] = with;
        var prompt = WorkflowExpressions.AsText(WorkflowExpressions.Interpolate(template, local));
        string text;
        if (_options.ChatClient is { } chat)
        {
            text = (await chat.GetResponseAsync(prompt, cancellationToken: cancellationToken).ConfigureAwait(false)).Text;
        }
        else
        {
            var model = ModelPath(step.Model, definition.BaseDirectory) ?? _options.Pipelines?.ModelFor(PipelineTaskNames.TextGeneration);
            var pipeline = await _provider.GetTextGenerationAsync(model, cancellationToken).ConfigureAwait(false);
            text = (await pipeline.RunAsync(prompt, new TextGenerationOptions { ReturnFullText = false }, cancellationToken).ConfigureAwait(false)).GeneratedText;
        }

        return new JsonObject { ["text"] = text };
    }

    private async Task<JsonNode?> RunAgentAsync(WorkflowStep step, JsonObject scope, CancellationToken cancellationToken)
    {
        var instruction = WorkflowExpressions.AsText(WorkflowExpressions.Interpolate(step.Target, scope));
        var agent = new HfPipelinesAgent(
            _options.ChatClient!,
            HfPipelinesAIFunctions.Create(_provider, _options.Pipelines),
            new HfPipelinesAgentOptions { SystemPrompt = _options.AgentSystemPrompt });
        var answer = await agent.RunAsync(instruction, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["text"] = answer };
    }

    /// <summary>A prompt step's argument as text: a list as its JSON text.</summary>
    private static string ArgumentText(WorkflowArgument argument, JsonObject scope) =>
        ArgumentNode(argument, scope) switch
        {
            JsonArray items => items.ToJsonString(),
            var text => text!.GetValue<string>(),
        };
}
