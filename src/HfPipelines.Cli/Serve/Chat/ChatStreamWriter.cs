using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Serve.Chat;

/// <summary>
/// Streams a chat answer as server-sent events: <c>data: {chat.completion.chunk}</c> per text delta and tool call,
/// a last chunk with the finish reason, a usage chunk when asked, then <c>data: [DONE]</c>. Each event is flushed.
/// </summary>
internal static class ChatStreamWriter
{
    public static async Task WriteAsync(HttpResponse response, IAsyncEnumerable<ChatResponseUpdate> updates, ChatCompletionRequest request, string model, CancellationToken cancellationToken)
    {
        var id = ChatIds.New();
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var first = true;
        var calls = 0;
        ChatFinishReason? finish = null;
        UsageDetails? usage = null;
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            finish = update.FinishReason ?? finish;
            foreach (var content in update.Contents)
            {
                JsonObject? delta = content switch
                {
                    TextContent { Text.Length: > 0 } text => new JsonObject { ["content"] = text.Text },
                    FunctionCallContent call => new JsonObject { ["tool_calls"] = new JsonArray(ChatResponseWriter.ToolCall(call, calls++, withIndex: true)) },
                    UsageContent u => Keep(ref usage, u.Details),
                    _ => null,
                };
                if (delta is null)
                {
                    continue;
                }

                if (first)
                {
                    delta["role"] = "assistant";
                    first = false;
                }

                await SendAsync(response, ChatResponseWriter.Chunk(id, model, created, delta, null), cancellationToken).ConfigureAwait(false);
            }
        }

        await SendAsync(response, ChatResponseWriter.Chunk(id, model, created, new JsonObject(), ChatResponseWriter.Finish(finish, calls > 0)), cancellationToken).ConfigureAwait(false);
        if (request.IncludeUsage && ChatResponseWriter.Usage(usage) is { } usageNode)
        {
            var chunk = ChatResponseWriter.Chunk(id, model, created, null, null);
            chunk["usage"] = usageNode;
            await SendAsync(response, chunk, cancellationToken).ConfigureAwait(false);
        }

        await response.WriteAsync("data: [DONE]\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a started stream with an error event (the status line is already sent).</summary>
    /// <param name="response">The response.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    /// <returns>A task that ends when written.</returns>
    public static async Task WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken)
    {
        var error = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "server_error" } };
        await response.WriteAsync($"data: {error.ToJsonString(ServeResults.Json)}\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject? Keep(ref UsageDetails? usage, UsageDetails details)
    {
        usage = details;
        return null;
    }

    private static async Task SendAsync(HttpResponse response, JsonObject chunk, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"data: {chunk.ToJsonString(ServeResults.Json)}\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
