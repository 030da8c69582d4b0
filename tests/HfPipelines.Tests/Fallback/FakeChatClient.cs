using System.Runtime.CompilerServices;
using HfPipelines.Pipelines;
using Microsoft.Extensions.AI;

namespace HfPipelines.Tests.Fallback;

/// <summary>A hand-written chat client: answers with fixed text, or fails before / after its first streamed update.</summary>
public sealed class FakeChatClient(string backend, string text, Exception? failBefore = null, Exception? failAfterFirst = null) : IChatClient, IBackendInfo
{
    public string Backend { get; } = backend;

    public int Calls { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return failBefore is null ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))) : Task.FromException<ChatResponse>(failBefore);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls++;
        await Task.Yield();
        if (failBefore is not null)
        {
            throw failBefore;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, text);
        if (failAfterFirst is not null)
        {
            throw failAfterFirst;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, "!");
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
