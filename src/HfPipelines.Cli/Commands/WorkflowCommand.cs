using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.SemanticKernel.Workflows;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp workflow run FILE [--input k=v ...]</c>: runs a declarative YAML workflow, showing each step.</summary>
internal static class WorkflowCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "The workflow YAML file." };
        var inputs = new Option<string[]>("--input", "-i") { Description = "An input as NAME=VALUE; repeat for several.", Arity = ArgumentArity.ZeroOrMore };
        var model = new Option<string[]>("--model", "-m")
        {
            Description = "TASK=REF: the default model of a task's steps (a step's own model: wins), e.g. --model asr=./whisper; "
                + "a bare REF: the chat model for prompt and agent steps. Repeat for several.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var endpoint = new Option<string?>("--endpoint") { Description = "Chat model for prompt and agent steps (an OpenAI-compatible URL)." };
        var json = new Option<bool>("--json") { Description = "Print the step outputs as one JSON object (progress goes to stderr)." };
        var outputDir = new Option<DirectoryInfo?>("--output-dir") { Description = "The folder output: { file: ... } paths are written under (default: the current folder)." };
        var template = ChatTemplateOption.Create();
        var run = new Command("run", "Run a workflow: validate everything, then run the steps in order.") { file, inputs, model, endpoint, json, outputDir, template };
        run.SetAction(async (parse, ct) =>
        {
            var values = ParseInputs(parse.GetValue(inputs) ?? []);
            var definition = WorkflowDefinition.Load(parse.GetRequiredValue(file).FullName);
            var asJson = parse.GetValue(json);
            var progressWriter = asJson ? context.Error : context.Out;
            var provider = context.CreatePipelineProvider();
            IChatClient? chat = null;
            try
            {
                var (modelRef, taskModels) = ParseModels(parse.GetValue(model) ?? []);
                var endpointUrl = parse.GetValue(endpoint);
                chat = modelRef is null && endpointUrl is null ? null : await context.CreateChatClientAsync(modelRef, endpointUrl, parse.GetValue(template), ct).ConfigureAwait(false);
                var options = new WorkflowRunnerOptions
                {
                    ChatClient = chat,
                    Pipelines = taskModels,
                    OutputDirectory = parse.GetValue(outputDir)?.FullName ?? Environment.CurrentDirectory,
                    Console = progressWriter,
                    AgentSystemPrompt = ChatCommand.DefaultSystemPrompt(),
                };
                var result = await new WorkflowRunner(provider, options)
                    .RunAsync(definition, values, new SyncProgress(p => progressWriter.WriteLine(Describe(p))), ct).ConfigureAwait(false);
                await WriteResultAsync(context, definition, result, asJson).ConfigureAwait(false);
                return 0;
            }
            finally
            {
                chat?.Dispose();
                provider.Dispose();
            }
        });
        var command = new Command("workflow", "Run declarative YAML workflows of pipeline tasks.");
        command.Subcommands.Add(run);
        return command;
    }

    /// <summary>Splits <c>--model</c> values into the chat model (a bare reference) and per-task defaults (<c>TASK=REF</c>).</summary>
    internal static (string? Chat, SemanticKernel.HfPipelinesOptions Tasks) ParseModels(IEnumerable<string> values)
    {
        string? chat = null;
        var tasks = new SemanticKernel.HfPipelinesOptions();
        foreach (var value in values)
        {
            var split = value.IndexOf('=', StringComparison.Ordinal);
            if (split > 0 && HfPipelines.Tasks.PipelineTasks.TryResolve(value[..split].Trim(), out var task))
            {
                tasks.Models[task.Name] = value[(split + 1)..].Trim();
            }
            else if (split > 0)
            {
                var closest = Pipelines.PipelineTaskCatalog.Default.Closest(value[..split]);
                throw new HfPipelinesException(
                    $"--model '{value}': '{value[..split]}' is not a task{(closest is null ? string.Empty : $" (did you mean '{closest}'?)")}. Write --model TASK=REF, e.g. --model automatic-speech-recognition=./whisper-tiny; see hfp tasks.");
            }
            else
            {
                chat = chat is null ? value : throw new HfPipelinesException($"--model names two chat models ('{chat}' and '{value}'); give one, and TASK=REF for task defaults.");
            }
        }

        tasks.Validate();
        return (chat, tasks);
    }

    internal static Dictionary<string, string> ParseInputs(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var split = pair.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new HfPipelinesException($"--input '{pair}' is not NAME=VALUE. Write e.g. --input audio=meeting.wav.");
            }

            values[pair[..split].Trim()] = pair[(split + 1)..];
        }

        return values;
    }

    private static string Describe(WorkflowProgress p)
    {
        var item = p.ItemCount > 0 ? $" item {p.Item}/{p.ItemCount}" : string.Empty;
        var detail = p.Message is null ? string.Empty : p.Status == WorkflowStepStatus.Completed ? $" -> {p.Message}" : $": {p.Message}";
        return $"[{p.StepNumber}/{p.StepCount}] {p.StepId}{item} {p.Status.ToString().ToLowerInvariant()}{detail}";
    }

    private static async Task WriteResultAsync(CliContext context, WorkflowDefinition definition, WorkflowResult result, bool asJson)
    {
        if (asJson)
        {
            var outputs = new JsonObject();
            foreach (var (id, output) in result.Outputs)
            {
                outputs[id] = output?.DeepClone();
            }

            await context.Out.WriteLineAsync(outputs.ToJsonString(Indented)).ConfigureAwait(false);
            return;
        }

        var skipped = result.Skipped.Count > 0 ? $", {result.Skipped.Count} skipped" : string.Empty;
        await context.Out.WriteLineAsync($"workflow {definition.Name ?? "finished"}: {result.Outputs.Count} step(s) ran{skipped}").ConfigureAwait(false);
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<WorkflowProgress> report) : IProgress<WorkflowProgress>
    {
        public void Report(WorkflowProgress value) => report(value);
    }
}
