using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HfPipelines.Pipelines;

/// <summary>Turns named arguments (tool calls, workflow steps, command lines) into a task request, typed as the descriptor declares.</summary>
internal static class TaskArguments
{
    public static TaskRequest ToRequest(PipelineTask task, IReadOnlyDictionary<string, JsonNode?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var declared = task.Arguments;
        var inputs = new JsonObject();
        var parameters = new JsonObject();
        foreach (var (name, value) in arguments)
        {
            var argument = declared.FirstOrDefault(a => a.Matches(name))
                ?? throw new InvalidPipelineInputException(
                    $"{task.Name} has no argument '{name}'. Its arguments: {string.Join(", ", declared.Select(Describe))}.");
            if (value is null)
            {
                continue;
            }

            (argument.IsInput ? inputs : parameters)[argument.Name] = Typed(task, argument, value);
        }

        var missing = declared.Where(a => a.Required && !(a.IsInput ? inputs : parameters).ContainsKey(a.Name)).Select(a => a.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidPipelineInputException(
                $"{task.Name} needs {string.Join(" and ", missing.Select(m => $"'{m}'"))}. Its arguments: {string.Join(", ", declared.Select(Describe))}.");
        }

        var inputArguments = declared.Where(a => a.IsInput).ToList();
        JsonNode? inputNode = inputArguments.Count == 1 ? inputs[inputArguments[0].Name]?.DeepClone() : inputs;
        return TaskRequest.From(inputNode, parameters);
    }

    private static string Describe(TaskArgument argument) =>
        argument.Required ? $"{argument.Name} (required)" : argument.Name;

    private static JsonNode? Typed(PipelineTask task, TaskArgument argument, JsonNode value)
    {
        if (value is not JsonValue scalar || !scalar.TryGetValue<string>(out var text))
        {
            return value.DeepClone();
        }

        var trimmed = text.Trim();
        return argument.Type switch
        {
            TaskArgumentType.Integer => long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
                ? JsonValue.Create(i) : throw Wrong(task, argument, "a whole number", text),
            TaskArgumentType.Number => double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? JsonValue.Create(d) : throw Wrong(task, argument, "a number", text),
            TaskArgumentType.Boolean => bool.TryParse(trimmed, out var b) ? JsonValue.Create(b) : throw Wrong(task, argument, "true or false", text),
            TaskArgumentType.StringList when trimmed.StartsWith('[') => (JsonNode?)ParseList(trimmed) ?? JsonValue.Create(text),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>A JSON array of texts, or null when the text is not one (e.g. "[draft], final").</summary>
    private static JsonArray? ParseList(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonArray array && array.All(e => e is JsonValue v && v.TryGetValue<string>(out _)) ? array : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static InvalidPipelineInputException Wrong(PipelineTask task, TaskArgument argument, string expected, string actual) =>
        new($"{task.Name}: '{argument.Name}' must be {expected}, got '{(actual.Length > 40 ? actual[..40] + "..." : actual)}'.");
}
