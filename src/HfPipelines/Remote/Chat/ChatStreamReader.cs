using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using HfPipelines.Remote.Http;
using Microsoft.Extensions.AI;

namespace HfPipelines.Remote.Chat;

/// <summary>
/// Reads server-sent events (<c>data: {chunk}</c> lines up to <c>data: [DONE]</c>) into updates: text deltas as they
/// come, tool calls gathered by <c>index</c> and emitted whole when the stream finishes, usage as <see cref="UsageContent"/>.
/// </summary>
internal static class ChatStreamReader
{
    public static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync(Stream stream, string host, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var state = new StreamState();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line[5..].Trim();
            if (data == "[DONE]")
            {
                break;
            }

            using var document = Parse(data, host);
            ThrowIfError(document.RootElement, host);
            var update = state.Read(document.RootElement);
            if (update.Contents.Count > 0)
            {
                yield return update;
            }
        }

        yield return state.Last();
    }

    private static JsonDocument Parse(string data, string host)
    {
        try
        {
            return JsonDocument.Parse(data);
        }
        catch (JsonException ex)
        {
            throw new RemoteResponseFormatException($"{host} sent a chat stream event that is not JSON ({ex.Message}). Check that the URL points at an OpenAI-compatible server.", ex) { Host = host };
        }
    }

    private static void ThrowIfError(JsonElement chunk, string host)
    {
        if (chunk.ValueKind == JsonValueKind.Object && chunk.TryGetProperty("error", out _) && !chunk.TryGetProperty("choices", out _))
        {
            var message = RemoteErrors.ServerMessage(chunk.GetRawText());
            throw new RemoteInferenceException($"{host} ended the chat stream with an error: {message}") { Host = host, ServerMessage = message };
        }
    }

    /// <summary>What a stream has said so far: ids, finish reason, and the tool calls being assembled.</summary>
    private sealed class StreamState
    {
        private readonly SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)> _calls = [];
        private string? _responseId;
        private string? _modelId;
        private ChatFinishReason? _finish;

        public ChatResponseUpdate Read(JsonElement chunk)
        {
            _responseId ??= RemoteJson.OptionalString(chunk, "id");
            _modelId ??= RemoteJson.OptionalString(chunk, "model");
            var update = New();
            update.CreatedAt = ChatResponseReader.Created(chunk);
            if (chunk.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
            {
                var choice = choices[0];
                _finish = ChatResponseReader.FinishReason(RemoteJson.OptionalString(choice, "finish_reason")) ?? _finish;
                if (choice.TryGetProperty("delta", out var delta))
                {
                    if (RemoteJson.OptionalString(delta, "content") is { Length: > 0 } text)
                    {
                        update.Contents.Add(new TextContent(text));
                    }

                    Gather(delta);
                }
            }

            if (ChatResponseReader.Usage(chunk) is { } usage)
            {
                update.Contents.Add(new UsageContent(usage));
            }

            return update;
        }

        public ChatResponseUpdate Last()
        {
            var last = New();
            last.FinishReason = _finish;
            foreach (var (id, name, arguments) in _calls.Values)
            {
                last.Contents.Add(ChatResponseReader.FunctionCall(id, name, arguments.ToString()));
            }

            return last;
        }

        private ChatResponseUpdate New() =>
            new() { Role = ChatRole.Assistant, ResponseId = _responseId, MessageId = _responseId, ModelId = _modelId };

        private void Gather(JsonElement delta)
        {
            if (!delta.TryGetProperty("tool_calls", out var toolCalls) || toolCalls.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var call in toolCalls.EnumerateArray())
            {
                var index = RemoteJson.OptionalInt(call, "index") ?? _calls.Count;
                var (id, name, arguments) = _calls.TryGetValue(index, out var existing) ? existing : (string.Empty, string.Empty, new StringBuilder());
                id = RemoteJson.OptionalString(call, "id") is { Length: > 0 } newId ? newId : id;
                if (call.TryGetProperty("function", out var function))
                {
                    name = RemoteJson.OptionalString(function, "name") is { Length: > 0 } newName ? newName : name;
                    arguments.Append(ChatResponseReader.ArgumentsText(function));
                }

                _calls[index] = (id, name, arguments);
            }
        }
    }
}
