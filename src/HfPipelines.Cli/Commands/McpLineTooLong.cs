using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HfPipelines.Cli.Commands;

/// <summary>The JSON-RPC error answering a line over <c>hfp mcp</c>'s length cap, with the request's id when the line's
/// first bytes show it (<c>null</c> otherwise, as JSON-RPC asks for a request that could not be read).</summary>
internal static class McpLineTooLong
{
    /// <summary>16 MiB: the default cap of <c>--max-line-bytes</c>.</summary>
    public const long DefaultMaxLineBytes = 16 * 1024 * 1024;

    /// <summary>The error line (without its newline).</summary>
    /// <param name="head">The first bytes of the line.</param>
    /// <param name="maxLineBytes">The cap.</param>
    /// <returns>The JSON-RPC error response.</returns>
    public static byte[] Answer(ReadOnlyMemory<byte> head, long maxLineBytes)
    {
        var id = FindId(head.Span) ?? "null";
        var message = JsonSerializer.Serialize(string.Create(CultureInfo.InvariantCulture,
            $"The message is longer than {maxLineBytes} bytes, the most this server reads in one line; it was skipped. Send a smaller message (e.g. a file path instead of file contents), or start hfp mcp with a larger --max-line-bytes."));
        return Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{{\"code\":-32600,\"message\":{message}}}}}");
    }

    /// <summary>The raw JSON of the top-level <c>id</c> (a string or a number), when it comes before the cut.</summary>
    private static string? FindId(ReadOnlySpan<byte> head)
    {
        var reader = new Utf8JsonReader(head, isFinalBlock: false, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("id"u8))
                {
                    return reader.Read() && reader.TokenType is JsonTokenType.String or JsonTokenType.Number
                        ? Encoding.UTF8.GetString(head.Slice((int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex)))
                        : null;
                }
            }
        }
        catch (JsonException)
        {
            // A broken prefix: no id to give.
        }

        return null;
    }
}
