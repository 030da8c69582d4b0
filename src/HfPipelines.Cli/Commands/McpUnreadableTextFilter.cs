using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HfPipelines.Cli.Commands;

/// <summary>
/// Refuses a request whose params hold a string escaping an unpaired UTF-16 surrogate (<c>"\ud800"</c>): valid JSON,
/// but no text can be read from it, and the MCP server would answer only "An error occurred.". The client gets an
/// invalid-params error naming where the string is.
/// </summary>
internal static class McpUnreadableTextFilter
{
    /// <summary>The incoming message filter.</summary>
    public static McpMessageFilter Create() => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Params: { } parameters } && FindUnreadable(parameters, "params") is { } path)
        {
            throw new McpProtocolException(
                $"'{path}' holds a string that escapes an unpaired UTF-16 surrogate (such as \\ud800), which is no Unicode text. Send valid Unicode.",
                McpErrorCode.InvalidParams);
        }

        await next(context, cancellationToken).ConfigureAwait(false);
    };

    /// <summary>The path of the first string (value or property name) that cannot be read, or null.</summary>
    private static string? FindUnreadable(JsonNode? node, string path)
    {
        try
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj)
                    {
                        if (FindUnreadable(value, $"{path}.{name}") is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (FindUnreadable(array[i], $"{path}[{i}]") is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    _ = value.GetValue<string>();
                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return path;
        }
    }
}
