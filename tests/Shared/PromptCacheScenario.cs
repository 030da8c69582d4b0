using Microsoft.Extensions.AI;

namespace HfPipelines.Testing;

/// <summary>
/// The cancellation scenario every prompt-caching chat client must pass: turn 1 answered, turn 2 streamed and cancelled
/// at its first update, then turn 3 (after an assistant line standing in for the lost answer) asked of the same client
/// and of a fresh one. The caller asserts that the two answers agree and what the cache kept.
/// </summary>
internal static class PromptCacheScenario
{
    /// <summary>Runs the scenario on <paramref name="client"/>; <paramref name="load"/> gives the fresh client.</summary>
    /// <returns>Turn 3's answer from the same client, and from a fresh one.</returns>
    public static async Task<(ChatResponse Next, ChatResponse Fresh)> CancelMidAnswerThenContinueAsync(
        IChatClient client, Func<IChatClient> load, IReadOnlyList<string> turns, ChatOptions greedy)
    {
        List<ChatMessage> history = [new(ChatRole.User, turns[0])];
        history.AddRange((await client.GetResponseAsync(history, greedy)).Messages);
        history.Add(new ChatMessage(ChatRole.User, turns[1]));
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(history, new ChatOptions { MaxOutputTokens = 100 }, cts.Token))
            {
                await cts.CancelAsync();
            }
        });

        history.Add(new ChatMessage(ChatRole.Assistant, "I do not know."));
        history.Add(new ChatMessage(ChatRole.User, turns[2]));
        var next = await client.GetResponseAsync(history, greedy);
        using var fresh = load();
        return (next, await fresh.GetResponseAsync(history, greedy));
    }
}
