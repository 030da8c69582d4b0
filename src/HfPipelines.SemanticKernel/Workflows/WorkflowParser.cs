namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>Turns the YAML tree into a <see cref="WorkflowDefinition"/>, checking the shape (keys and node kinds).</summary>
internal static class WorkflowParser
{
    private static readonly string[] TopKeys = ["name", "description", "inputs", "steps"];
    private static readonly string[] StepKeys = ["id", "name", "task", "prompt", "agent", "model", "with", "if", "foreach", "output"];
    private static readonly string[] InputKeys = ["type", "default", "description"];

    public static WorkflowDefinition Parse(YamlNode root, string baseDirectory)
    {
        var map = Map(root, "The workflow");
        CheckKeys(map, TopKeys, "the workflow");
        var steps = map.Get("steps") as YamlSequence
            ?? throw Error("The workflow needs a 'steps' list.", map.Get("steps")?.Line ?? map.Line);
        return new WorkflowDefinition
        {
            Name = Text(map.Get("name")),
            Inputs = map.Get("inputs") is { } inputs ? Map(inputs, "'inputs'").Entries.Select(e => ParseInput(e.Key, e.Value)).ToList() : [],
            Steps = steps.Items.Select(ParseStep).ToList(),
            BaseDirectory = baseDirectory,
        };
    }

    private static WorkflowInput ParseInput(YamlScalar name, YamlNode node)
    {
        if (node is YamlScalar scalar)
        {
            // Short form: "folder: photos" declares an input with that default ("folder:" alone declares a required one).
            return new WorkflowInput(name.Value, WorkflowInputType.String, scalar.Value.Length == 0 ? null : scalar.Value, null, name.Line);
        }

        var map = Map(node, $"Input '{name.Value}'");
        CheckKeys(map, InputKeys, $"input '{name.Value}'");
        var typeText = Text(map.Get("type")) ?? "string";
        if (!Enum.TryParse<WorkflowInputType>(typeText, ignoreCase: true, out var type) || int.TryParse(typeText, out _))
        {
            throw Error($"Input '{name.Value}' has type '{typeText}'. Valid types: string, glob.", map.Line);
        }

        return new WorkflowInput(name.Value, type, Text(map.Get("default")), Text(map.Get("description")), name.Line);
    }

    private static WorkflowStep ParseStep(YamlNode node)
    {
        var map = Map(node, "A step");
        CheckKeys(map, StepKeys, "a step");
        var id = Text(map.Get("id")) ?? Text(map.Get("name"))
            ?? throw Error("A step has no 'id'. Give each step a unique id, e.g. 'id: transcribe'.", map.Line);
        var kinds = new[] { ("task", WorkflowStepKind.Task), ("prompt", WorkflowStepKind.Prompt), ("agent", WorkflowStepKind.Agent) }
            .Where(k => map.Get(k.Item1) is not null).ToList();
        if (kinds.Count != 1)
        {
            throw Error($"Step '{id}' needs exactly one of 'task', 'prompt' or 'agent'.", map.Line);
        }

        var output = map.Get("output") is { } o ? Map(o, $"The output of step '{id}'") : null;
        return new WorkflowStep
        {
            Id = id,
            Kind = kinds[0].Item2,
            Target = Text(map.Get(kinds[0].Item1)) ?? throw Error($"Step '{id}': '{kinds[0].Item1}' must be text.", map.Line),
            With = map.Get("with") is { } with ? Map(with, $"'with' of step '{id}'").Entries.Select(e => Argument(e.Key, e.Value, id)).ToList() : [],
            Model = Text(map.Get("model")),
            If = Text(map.Get("if")),
            Foreach = Text(map.Get("foreach")),
            OutputFile = output is null ? null : Text(output.Get("file")),
            OutputConsole = output is not null && string.Equals(Text(output.Get("console")), "true", StringComparison.OrdinalIgnoreCase),
            Line = map.Line,
        };
    }

    private static WorkflowArgument Argument(YamlScalar name, YamlNode value, string stepId) => value switch
    {
        YamlScalar s => new WorkflowArgument(name.Value, s.Value, null, name.Line),
        YamlSequence seq => new WorkflowArgument(
            name.Value, null, seq.Items.Select(i => (i as YamlScalar)?.Value ?? throw Error($"Step '{stepId}': the items of '{name.Value}' must be plain values.", i.Line)).ToList(), name.Line),
        _ => throw Error($"Step '{stepId}': argument '{name.Value}' must be a value or a list of values, not a mapping.", value.Line),
    };

    private static YamlMap Map(YamlNode node, string what) =>
        node as YamlMap ?? throw Error($"{what} must be a mapping of keys to values.", node.Line);

    private static string? Text(YamlNode? node) => node switch
    {
        null => null,
        YamlScalar s => s.Value,
        _ => throw Error("Expected a plain value here, not a list or mapping.", node.Line),
    };

    private static void CheckKeys(YamlMap map, string[] known, string where)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (!known.Contains(key.Value, StringComparer.Ordinal))
            {
                throw Error($"Unknown key '{key.Value}' in {where}. Valid keys: {string.Join(", ", known)}.", key.Line);
            }
        }
    }

    private static WorkflowFormatException Error(string message, int line) =>
        new($"{message} (line {line})") { Line = line };
}
