using System.Text.Json;

namespace HfPipelines.Tasks;

/// <summary>
/// The one rule for lists given as text (candidate labels, fill-mask targets, sentences to compare, labels to ignore),
/// shared by the CLI, <c>hfp serve</c> and remote calls so that a list means the same everywhere:
/// <list type="number">
/// <item>several values (an option given more than once, or a JSON list of strings) are the items as given: nothing is
/// split or trimmed, so <c>"Hi, earth"</c> stays one sentence and <c>" Paris"</c> keeps its space;</item>
/// <item>one value that is a JSON array of strings (<c>["Hi, earth", "Bye"]</c>) is its items, as given;</item>
/// <item>any other single value is split on commas, each item trimmed and blanks dropped (the comma form
/// <c>a, b, c</c> of earlier versions and of transformers' zero-shot <c>candidate_labels</c> string).</item>
/// </list>
/// A single value that starts with <c>[</c> and ends with <c>]</c> but is not a JSON array of strings is refused with
/// a message naming the fix, rather than split into surprising items. Thread-safe (static, no state).
/// </summary>
public static class TaskInputLists
{
    /// <summary>Parses the values of a list option by the rule above.</summary>
    /// <param name="values">The values as received: one per repetition of the option (null or empty: no items).</param>
    /// <param name="name">The option or field name, for messages (e.g. <c>--candidate-labels</c>).</param>
    /// <returns>The items, in order.</returns>
    /// <exception cref="InvalidPipelineInputException">A value looks like a JSON array but is not one of strings.</exception>
    public static IReadOnlyList<string> Parse(IReadOnlyList<string>? values, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (values is null || values.Count == 0)
        {
            return [];
        }

        if (values.Count > 1)
        {
            return [.. values.SelectMany(v => TryJsonArray(v, name) ?? [v])];
        }

        return TryJsonArray(values[0], name)
            ?? values[0].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Parses one value by the rule above (a JSON array, or a comma-separated list).</summary>
    /// <param name="value">The value (null: no items).</param>
    /// <param name="name">The option or field name, for messages.</param>
    /// <returns>The items, in order.</returns>
    /// <exception cref="InvalidPipelineInputException">The value looks like a JSON array but is not one of strings.</exception>
    public static IReadOnlyList<string> Parse(string? value, string name) => Parse(value is null ? null : [value], name);

    private static string[]? TryJsonArray(string value, string name)
    {
        var trimmed = value.Trim();
        if (!(trimmed.StartsWith('[') && trimmed.EndsWith(']')))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(trimmed) is { } items && items.All(i => i is not null)
                ? items
                : throw new JsonException("null item");
        }
        catch (JsonException)
        {
            throw new InvalidPipelineInputException(
                $"{name}: '{value}' looks like a JSON array but is not a list of strings. Write it as [\"first\", \"second, with a comma\"], or give the option once per item.");
        }
    }
}
