using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace HfPipelines.SemanticKernel.Tests.Fakes;

/// <summary>
/// A chat client that plays a script: call N gets the messages so far and returns the script's N-th response
/// (tool calls built from earlier tool results, then an answer). Records what it was sent.
/// </summary>
internal sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatResponse>[] script) : IChatClient
{
    private int _next;

    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    public List<ChatOptions?> Options { get; } = [];

    public static ChatResponse Call(string callId, string name, Dictionary<string, object?> arguments) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)]));

    public static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    /// <summary>The result of the last tool call in the messages, as text.</summary>
    public static string LastResult(IReadOnlyList<ChatMessage> messages) =>
        messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Last().Result?.ToString() ?? string.Empty;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Requests.Add(list);
        Options.Add(options);
        if (_next >= script.Length)
        {
            throw new InvalidOperationException($"The script has {script.Length} responses; call {_next + 1} was not expected.");
        }

        return Task.FromResult(script[_next++](list));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
