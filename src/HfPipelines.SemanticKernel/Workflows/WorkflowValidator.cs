using System.Text.RegularExpressions;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>Finds every problem of a workflow before it runs: tasks, arguments, inputs, references, cycles.</summary>
internal sealed partial class WorkflowValidator(WorkflowDefinition definition, IReadOnlyDictionary<string, PipelineTask> tasks, bool hasChatClient, string outputDirectory)
{
    private readonly List<WorkflowProblem> _problems = [];
    private readonly Dictionary<string, int> _stepIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependsOn = new(StringComparer.Ordinal);

    public IReadOnlyList<WorkflowProblem> Validate(IDictionary<string, string> inputs)
    {
        CheckInputs(inputs);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            if (!IdPattern().IsMatch(step.Id))
            {
                Add(step.Line, $"step id '{step.Id}' may hold only letters, digits, '_' and '-'");
            }

            if (!_stepIndex.TryAdd(step.Id, i))
            {
                Add(step.Line, $"step id '{step.Id}' is used twice; give each step its own id");
            }
        }

        for (var i = 0; i < definition.Steps.Count; i++)
        {
            CheckStep(definition.Steps[i], i);
        }

        CheckCycles();
        return _problems;
    }

    /// <summary>The task argument a step's argument name means (Python name, alias, or their camelCase / kebab-case spelling).</summary>
    public static TaskArgument? Parameter(PipelineTask task, string argument) => task.Arguments.FirstOrDefault(a => a.Matches(argument));

    private void CheckInputs(IDictionary<string, string> inputs)
    {
        foreach (var name in inputs.Keys.Where(k => definition.Inputs.All(i => i.Name != k)))
        {
            Add(0, $"input '{name}' is given but the workflow declares no such input (declared: {Names(definition.Inputs.Select(i => i.Name))})");
        }

        foreach (var input in definition.Inputs.Where(i => i.Default is null && !inputs.ContainsKey(i.Name)))
        {
            Add(input.Line, $"input '{input.Name}' is required: pass it (--input {input.Name}=VALUE) or give it a default");
        }
    }

    private void CheckStep(WorkflowStep step, int index)
    {
        _dependsOn[step.Id] = new HashSet<string>(StringComparer.Ordinal);
        CheckOutputFile(step);
        switch (step.Kind)
        {
            case WorkflowStepKind.Task:
                CheckTask(step);
                break;
            case WorkflowStepKind.Prompt:
                CheckPrompt(step, index);
                break;
            default:
                if (step.Model is not null)
                {
                    Add(step.Line, $"step '{step.Id}': an agent step takes no model: (the agent's chat model comes from hfp workflow run --model/--endpoint)");
                }

                if (!hasChatClient)
                {
                    Add(step.Line, $"step '{step.Id}' runs the agent, which needs a chat model: give one (hfp workflow run --model/--endpoint)");
                }

                CheckText(step, index, step.Target, step.Line, isCondition: false);
                break;
        }

        foreach (var argument in step.With)
        {
            foreach (var text in argument.Items ?? [argument.Text!])
            {
                CheckText(step, index, text, argument.Line, isCondition: false);
            }
        }

        if (step.If is not null)
        {
            var match = WholeExpression().Match(step.If);
            CheckExpression(step, index, match.Success ? match.Groups[1].Value.Trim() : step.If.Trim(), step.Line, isCondition: true);
        }

        if (step.Foreach is not null)
        {
            var match = WholeExpression().Match(step.Foreach);
            if (!match.Success)
            {
                Add(step.Line, $"step '{step.Id}': foreach must be one reference such as ${{{{ inputs.files }}}}");
            }
            else
            {
                CheckExpression(step, index, match.Groups[1].Value.Trim(), step.Line, isCondition: false);
            }
        }
    }

    private void CheckOutputFile(WorkflowStep step)
    {
        if (step.OutputFile is null)
        {
            return;
        }

        if (WorkflowPaths.Inside(outputDirectory, step.OutputFile, out var problem) is not { } real)
        {
            Add(step.Line, $"step '{step.Id}': output file '{step.OutputFile}' {problem?.Replace("the folder", "the output folder", StringComparison.Ordinal)}");
        }
        else if (WorkflowPaths.IsLink(Path.Combine(Path.GetFullPath(outputDirectory), step.OutputFile)) || WorkflowPaths.IsLink(real))
        {
            Add(step.Line, $"step '{step.Id}': output file '{step.OutputFile}' is a symbolic link; hfp does not write through links: remove it or choose another name");
        }
    }

    private void CheckTask(WorkflowStep step)
    {
        var task = tasks.Values.FirstOrDefault(t => t.Answers(step.Target))
            ?? (PipelineTasks.TryParseTranslationPair(step.Target, out _, out _) ? tasks.GetValueOrDefault(PipelineTaskNames.Translation) : null);
        if (task is null)
        {
            var reason = PipelineTasks.TryResolve(step.Target, out _) ? "is not enabled" : "is not a task";
            Add(step.Line, $"step '{step.Id}': '{step.Target}' {reason}; tasks: {Names(tasks.Keys)}");
            return;
        }

        if (step.Model is not null && string.IsNullOrWhiteSpace(step.Model))
        {
            Add(step.Line, $"step '{step.Id}': model is empty; give a model reference (org/name, org/name:file.gguf, or a path) or leave it out");
        }

        foreach (var argument in step.With.Where(a => Parameter(task, a.Name) is null))
        {
            Add(argument.Line, $"step '{step.Id}': task '{step.Target}' takes no argument '{argument.Name}'; it takes {Names(task.Arguments.Select(p => p.Name))}");
        }

        foreach (var parameter in task.Arguments.Where(p => p.Required))
        {
            if (step.With.All(a => Parameter(task, a.Name) != parameter))
            {
                Add(step.Line, $"step '{step.Id}': task '{step.Target}' needs argument '{parameter.Name}' ({parameter.Description})");
            }
        }
    }

    private void CheckPrompt(WorkflowStep step, int index)
    {
        var path = definition.FindPrompt(step.Target, out var problem);
        if (path is null)
        {
            Add(step.Line, $"step '{step.Id}': the prompt file '{step.Target}' {problem}");
            return;
        }

        var template = File.ReadAllText(path);
        foreach (var expression in WorkflowExpressions.Find(template))
        {
            CheckExpression(step, index, expression, step.Line, isCondition: false, inTemplate: true);
        }
    }

    private void CheckText(WorkflowStep step, int index, string text, int line, bool isCondition)
    {
        foreach (var expression in WorkflowExpressions.Find(text))
        {
            CheckExpression(step, index, expression, line, isCondition);
        }
    }

    private void CheckExpression(WorkflowStep step, int index, string expression, int line, bool isCondition, bool inTemplate = false)
    {
        var syntax = WorkflowExpressions.SyntaxError(expression, isCondition);
        if (syntax is not null)
        {
            Add(line, $"step '{step.Id}': {syntax}");
            return;
        }

        foreach (var path in WorkflowExpressions.Paths(expression))
        {
            var problem = CheckPath(step, index, path, inTemplate);
            if (problem is not null)
            {
                Add(line, $"step '{step.Id}': {problem}");
            }
        }
    }

    private string? CheckPath(WorkflowStep step, int index, IReadOnlyList<string> path, bool inTemplate)
    {
        switch (path[0])
        {
            case "inputs":
                return path.Count < 2 ? "write inputs.NAME" : definition.Inputs.Any(i => i.Name == path[1]) ? null
                    : $"inputs.{path[1]} is not a declared input (declared: {Names(definition.Inputs.Select(i => i.Name))})";
            case "item":
                return step.Foreach is not null ? null : "'item' is only defined in a step with foreach";
            case "with" when inTemplate:
                return path.Count >= 2 && step.With.Any(a => a.Name == path[1]) ? null : $"the prompt reads with.{(path.Count > 1 ? path[1] : "?")} but the step passes no such argument";
            case "steps":
                return CheckStepReference(step, index, path);
            default:
                return $"'{string.Join('.', path)}' starts with '{path[0]}'; references start with inputs, steps or item";
        }
    }

    private string? CheckStepReference(WorkflowStep step, int index, IReadOnlyList<string> path)
    {
        if (path.Count < 3 || path[2] is not ("output" or "skipped"))
        {
            return $"write steps.ID.output... or steps.ID.skipped, not '{string.Join('.', path)}'";
        }

        if (!_stepIndex.TryGetValue(path[1], out var target))
        {
            return $"there is no step '{path[1]}' (steps: {Names(_stepIndex.Keys)})";
        }

        _dependsOn[step.Id].Add(path[1]);
        return target == index ? "a step cannot read its own output"
            : target > index ? $"step '{path[1]}' runs later; a step can only read earlier steps' outputs"
            : null;
    }

    private void CheckCycles()
    {
        // Depth-first search with colours: linear in steps and references, each cycle reported once.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var step in definition.Steps)
        {
            Visit(step.Id, stack, done);
        }
    }

    private void Visit(string id, List<string> stack, HashSet<string> done)
    {
        if (done.Contains(id))
        {
            return;
        }

        var open = stack.IndexOf(id);
        if (open >= 0)
        {
            var cycle = stack.Skip(open).Append(id);
            Add(definition.Steps[_stepIndex[id]].Line, $"cycle: {string.Join(" -> ", cycle)}");
            return;
        }

        stack.Add(id);
        foreach (var next in _dependsOn.GetValueOrDefault(id) ?? [])
        {
            Visit(next, stack, done);
        }

        stack.RemoveAt(stack.Count - 1);
        done.Add(id);
    }

    private void Add(int line, string message) => _problems.Add(new WorkflowProblem(line, message));

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\s*\$\{\{(.*)\}\}\s*$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex WholeExpression();
}
