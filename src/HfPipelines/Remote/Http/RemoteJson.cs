using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Http;

/// <summary>Reading the answers' JSON; a shape that does not fit throws <see cref="RemoteResponseFormatException"/>.</summary>
internal static class RemoteJson
{
    public static RemoteResponseFormatException Shape(string task, string expected, JsonElement actual)
    {
        var raw = actual.ValueKind == JsonValueKind.Undefined ? "nothing" : actual.GetRawText();
        return new RemoteResponseFormatException(
            $"The {task} answer has an unexpected shape: expected {expected}, got {(raw.Length > 200 ? raw[..200] + "..." : raw)}. Check that the model serves {task}.");
    }

    /// <summary>Unwraps <c>[[x, ...]]</c> (a batch of one) to <c>[x, ...]</c>.</summary>
    public static JsonElement UnwrapBatch(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 1 && element[0].ValueKind == JsonValueKind.Array ? element[0] : element;

    /// <summary>Enumerates an array, or the single object as a list of one.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element, string task, string expected) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray(),
        JsonValueKind.Object => [element],
        _ => throw Shape(task, expected, element),
    };

    public static string String(JsonElement item, string name, string task) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Shape(task, $"an object with a string '{name}'", item);

    public static string? OptionalString(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static float Float(JsonElement item, string name, string task) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.TryGetSingle(out var number)
            ? number
            : throw Shape(task, $"an object with a number '{name}'", item);

    public static int? OptionalInt(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    public static float[] Vector(JsonElement element, string task)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Shape(task, "an array of numbers", element);
        }

        var vector = new float[element.GetArrayLength()];
        var i = 0;
        foreach (var value in element.EnumerateArray())
        {
            vector[i++] = value.ValueKind == JsonValueKind.Number ? value.GetSingle() : throw Shape(task, "an array of numbers", element);
        }

        return vector;
    }

    /// <summary><c>[{label, score}]</c> (or a batch of one), best first, at most <paramref name="topK"/>.</summary>
    public static IReadOnlyList<ClassificationLabel> Labels(JsonElement answer, string task, int? topK)
    {
        var labels = Items(UnwrapBatch(answer), task, "[{label, score}]")
            .Select(item => new ClassificationLabel(String(item, "label", task), Float(item, "score", task)))
            .OrderByDescending(l => l.Score);
        return (topK is { } k ? labels.Take(k) : labels).ToList();
    }

    /// <summary>The generated text of <c>[{name: ...}]</c> or <c>{name: ...}</c>.</summary>
    public static string FirstText(JsonElement answer, string name, string task) =>
        String(Items(UnwrapBatch(answer), task, $"[{{{name}}}]").FirstOrDefault(), name, task);

    public static string Lower(Enum value) => value.ToString().ToLowerInvariant();
}
