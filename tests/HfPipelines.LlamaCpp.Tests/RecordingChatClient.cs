using Microsoft.Extensions.AI;

namespace HfPipelines.LlamaCpp.Tests;

/// <summary>Passes requests on and records each one's messages, options and usage (one entry per model round).
/// The usage is copied: the function-invoking client adds later rounds into the first round's object.</summary>
internal sealed class RecordingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public List<(List<ChatMessage> Messages, ChatOptions? Options, UsageDetails? Usage)> Rounds { get; } = [];

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var copy = messages.ToList();
        var response = await base.GetResponseAsync(copy, options, cancellationToken);
        var usage = response.Usage is { } u ? new UsageDetails { InputTokenCount = u.InputTokenCount, CachedInputTokenCount = u.CachedInputTokenCount, OutputTokenCount = u.OutputTokenCount } : null;
        Rounds.Add((copy, options?.Clone(), usage));
        return response;
    }
}
