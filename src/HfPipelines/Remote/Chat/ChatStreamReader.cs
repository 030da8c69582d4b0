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
        var calls = new SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)>();
        string? responseId = null, modelId = null;
        ChatFinishReason? finish = null;
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
            var chunk = document.RootElement;
            ThrowIfError(chunk, host);
            responseId ??= RemoteJson.OptionalString(chunk, "id");
            modelId ??= RemoteJson.OptionalString(chunk, "model");
            var update = new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = responseId, MessageId = responseId, ModelId = modelId, CreatedAt = ChatResponseReader.Created(chunk) };
            if (chunk.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
            {
                var choice = choices[0];
                finish = ChatResponseReader.FinishReason(RemoteJson.OptionalString(choice, "finish_reason")) ?? finish;
                if (choice.TryGetProperty("delta", out var delta))
                {
                    if (RemoteJson.OptionalString(delta, "content") is { Length: > 0 } text)
                    {
                        update.Contents.Add(new TextContent(text));
                    }

                    Gather(delta, calls);
                }
            }

            if (ChatResponseReader.Usage(chunk) is { } usage)
            {
                update.Contents.Add(new UsageContent(usage));
            }

            if (update.Contents.Count > 0)
            {
                yield return update;
            }
        }

        var last = new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = responseId, MessageId = responseId, ModelId = modelId, FinishReason = finish };
        foreach (var (id, name, arguments) in calls.Values)
        {
            last.Contents.Add(ChatResponseReader.FunctionCall(id, name, arguments.ToString()));
        }

        yield return last;
    }

    private static void Gather(JsonElement delta, SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)> calls)
    {
        if (!delta.TryGetProperty("tool_calls", out var toolCalls) || toolCalls.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var call in toolCalls.EnumerateArray())
        {
            var index = RemoteJson.OptionalInt(call, "index") ?? calls.Count;
            var entry = calls.TryGetValue(index, out var existing) ? existing : (string.Empty, string.Empty, new StringBuilder());
            if (RemoteJson.OptionalString(call, "id") is { Length: > 0 } id)
            {
                entry.Item1 = id;
            }

            if (call.TryGetProperty("function", out var function))
            {
                if (RemoteJson.OptionalString(function, "name") is { Length: > 0 } name)
                {
                    entry.Item2 = name;
                }

                entry.Item3.Append(ChatResponseReader.ArgumentsText(function));
            }

            calls[index] = entry;
        }
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
}
