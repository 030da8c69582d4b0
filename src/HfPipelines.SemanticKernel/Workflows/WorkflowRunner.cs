using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;

namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>
/// Runs a <see cref="WorkflowDefinition"/>: validates everything first (one <see cref="WorkflowValidationException"/>
/// listing every problem), then runs the steps in order. A step failing with <see cref="HttpRequestException"/> or
/// <see cref="TimeoutException"/> is retried once; any other failure stops the run with a
/// <see cref="WorkflowStepException"/> naming the step. Thread-safe: runs share nothing but the provider.
/// </summary>
public sealed class WorkflowRunner
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IPipelineProvider _provider;
    private readonly WorkflowRunnerOptions _options;

    /// <summary>Creates the runner.</summary>
    /// <param name="provider">Gives the task pipelines.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    public WorkflowRunner(IPipelineProvider provider, WorkflowRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _options = options ?? new WorkflowRunnerOptions();
        _options.Validate();
        _provider = provider;
    }

    /// <summary>Validates and runs a workflow.</summary>
    /// <param name="definition">The workflow.</param>
    /// <param name="inputs">The input values by name (globs are expanded here).</param>
    /// <param name="progress">Told about each step as it starts, retries, completes, is skipped or fails; may be null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The outputs of the steps that ran.</returns>
    /// <exception cref="WorkflowValidationException">The workflow cannot run; nothing ran.</exception>
    /// <exception cref="WorkflowStepException">A step failed.</exception>
    public async Task<WorkflowResult> RunAsync(
        WorkflowDefinition definition, IDictionary<string, string> inputs, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inputs);
        var executor = new WorkflowStepExecutor(_provider, _options);
        var problems = new WorkflowValidator(definition, executor.Tasks, _options.ChatClient is not null, _options.OutputDirectory).Validate(inputs);
        if (problems.Count > 0)
        {
            throw new WorkflowValidationException(problems);
        }

        var steps = new JsonObject();
        var scope = new JsonObject { ["inputs"] = ResolveInputs(definition, inputs), ["steps"] = steps };
        var outputs = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var skipped = new List<string>();
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            var report = new WorkflowProgress(step.Id, WorkflowStepStatus.Started, i + 1, definition.Steps.Count);
            if (step.If is not null && !Guard(step, report, progress, () => WorkflowExpressions.Condition(step.If, scope)))
            {
                skipped.Add(step.Id);
                steps[step.Id] = new JsonObject { ["skipped"] = true };
                progress?.Report(report with { Status = WorkflowStepStatus.Skipped });
                continue;
            }

            var output = await RunStepAsync(executor, definition, step, scope, report, progress, cancellationToken).ConfigureAwait(false);
            outputs[step.Id] = output;
            steps[step.Id] = new JsonObject { ["skipped"] = false, ["output"] = output?.DeepClone() };
            var written = await WriteOutputAsync(step, output, cancellationToken).ConfigureAwait(false);
            progress?.Report(report with { Status = WorkflowStepStatus.Completed, Message = written });
        }

        return new WorkflowResult(outputs, skipped);
    }

    private async Task<JsonNode?> RunStepAsync(
        WorkflowStepExecutor executor, WorkflowDefinition definition, WorkflowStep step, JsonObject scope, WorkflowProgress report, IProgress<WorkflowProgress>? progress, CancellationToken cancellationToken)
    {
        if (step.Foreach is null)
        {
            progress?.Report(report);
            return await RunWithRetryAsync(executor, definition, step, scope, report, progress, cancellationToken).ConfigureAwait(false);
        }

        var list = Guard(step, report, progress, () => WorkflowExpressions.Interpolate(step.Foreach, scope)) as JsonArray
            ?? throw Fail(step, report, progress, new WorkflowReferenceException($"foreach '{step.Foreach}' is not a list. Use a glob input or a list output."), 1);
        if (list.Count > _options.MaxForeachItems)
        {
            throw Fail(step, report, progress, new WorkflowReferenceException($"foreach has {list.Count} items; the limit is {_options.MaxForeachItems} (WorkflowRunnerOptions.MaxForeachItems)."), 1);
        }

        var results = new JsonArray();
        for (var n = 0; n < list.Count; n++)
        {
            var itemReport = report with { Item = n + 1, ItemCount = list.Count };
            progress?.Report(itemReport);
            scope["item"] = list[n]?.DeepClone();
            results.Add(await RunWithRetryAsync(executor, definition, step, scope, itemReport, progress, cancellationToken).ConfigureAwait(false));
        }

        scope.Remove("item");
        return results;
    }

    private static async Task<JsonNode?> RunWithRetryAsync(
        WorkflowStepExecutor executor, WorkflowDefinition definition, WorkflowStep step, JsonObject scope, WorkflowProgress report, IProgress<WorkflowProgress>? progress, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await executor.RunAsync(step, definition, scope, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt == 1 && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                progress?.Report(report with { Status = WorkflowStepStatus.Retrying, Message = ex.Message });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw Fail(step, report, progress, ex, attempt);
            }
        }
    }

    private static T Guard<T>(WorkflowStep step, WorkflowProgress report, IProgress<WorkflowProgress>? progress, Func<T> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (HfPipelinesException ex)
        {
            throw Fail(step, report, progress, ex, 1);
        }
    }

    private static WorkflowStepException Fail(WorkflowStep step, WorkflowProgress report, IProgress<WorkflowProgress>? progress, Exception error, int attempts)
    {
        var tries = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
        progress?.Report(report with { Status = WorkflowStepStatus.Failed, Message = error.Message });
        return new WorkflowStepException($"Step '{step.Id}' (line {step.Line}) failed{tries}: {error.Message}", error) { StepId = step.Id, Attempts = attempts };
    }

    private static bool IsTransient(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static JsonObject ResolveInputs(WorkflowDefinition definition, IDictionary<string, string> inputs)
    {
        var result = new JsonObject();
        foreach (var input in definition.Inputs)
        {
            var value = inputs.TryGetValue(input.Name, out var given) ? given : input.Default!;
            result[input.Name] = input.Type == WorkflowInputType.Glob
                ? new JsonArray(WorkflowGlob.Expand(value).Select(f => (JsonNode?)JsonValue.Create(f)).ToArray())
                : JsonValue.Create(value);
        }

        return result;
    }

    private async Task<string?> WriteOutputAsync(WorkflowStep step, JsonNode? output, CancellationToken cancellationToken)
    {
        var json = output?.ToJsonString(Indented) ?? "null";
        if (step.OutputConsole && _options.Console is { } console)
        {
            await console.WriteLineAsync(json.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        if (step.OutputFile is null)
        {
            return null;
        }

        // Checked again at write time (a link may have appeared since validation); written to a new file and renamed over
        // the target, so that a link put in its place is replaced, never written through.
        var path = WorkflowPaths.Inside(_options.OutputDirectory, step.OutputFile, out var problem)
            ?? throw new WorkflowStepException($"Step '{step.Id}' (line {step.Line}): output file '{step.OutputFile}' {problem}.") { StepId = step.Id };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, json, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return path;
    }
}
