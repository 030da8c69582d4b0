using System.Text.Json;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// Finds the first string of a JSON body that holds no Unicode text: invalid UTF-8 bytes, or an escaped unpaired
/// surrogate such as <c>"\ud800"</c>. Both parse as JSON, but reading the string throws, which the handlers would turn
/// into a 500; the server answers 400 naming the field instead.
/// </summary>
internal static class ServeJsonText
{
    /// <summary>Throws a 400 naming the field when a string (value or property name) of <paramref name="root"/> is not text.</summary>
    /// <param name="root">The parsed body.</param>
    /// <exception cref="ServeRequestException">A string is not text.</exception>
    public static void EnsureReadable(JsonElement root)
    {
        if (FindUnreadable(root, string.Empty) is { } path)
        {
            var field = path.Length == 0 ? "The body" : $"The field '{path}'";
            throw ServeRequestException.BadRequest($"{field} holds a string that is not Unicode text (invalid UTF-8, or an escaped unpaired surrogate such as \\ud800). Send valid UTF-8 JSON.");
        }
    }

    private static string? FindUnreadable(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUnreadable(item, $"{path}[{index++}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name = "?";
                    if (!Readable(() => name = property.Name))
                    {
                        return path.Length == 0 ? "(a property name)" : $"{path} (a property name)";
                    }

                    if (FindUnreadable(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
