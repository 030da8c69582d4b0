using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace HfPipelines.Tests.Generation;

/// <summary>A chat client that streams scripted pieces and records what it was asked.</summary>
internal sealed class FakeChatClient : IChatClient
{
    public IReadOnlyList<string> Pieces { get; set; } = [];

    public List<(List<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public bool Disposed { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add((messages.ToList(), options));
        foreach (var piece in Pieces)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => Disposed = true;
}
