using HfPipelines.Pipelines;
using Microsoft.Extensions.AI;

namespace HfPipelines.Prompts;

/// <summary>A text task answered by a chat model from a rendered prompt: one user message, temperature 0.</summary>
/// <typeparam name="TOptions">The task options.</typeparam>
/// <typeparam name="TResult">The task result.</typeparam>
internal sealed class ChatTaskPipeline<TOptions, TResult>(
    string task,
    IChatClient client,
    Func<string, TOptions, string> render,
    Func<TOptions, int?> maxTokens,
    Func<string, TResult> result) : IPipeline<string, TOptions, TResult>
    where TOptions : class, new()
{
    public string Task => task;

    public async Task<TResult> RunAsync(string input, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new InvalidPipelineInputException($"{task} needs a non-empty text.");
        }

        options ??= new TOptions();
        var prompt = render(input, options);
        var chatOptions = new ChatOptions { Temperature = 0f };
        if (maxTokens(options) is { } words)
        {
            chatOptions.MaxOutputTokens = Math.Max(16, words * 2);
        }

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], chatOptions, cancellationToken).ConfigureAwait(false);
        return result(response.Text.Trim());
    }

    public async Task<IReadOnlyList<TResult>> RunBatchAsync(IReadOnlyList<string> inputs, TOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var results = new List<TResult>(inputs.Count);
        foreach (var input in inputs)
        {
            results.Add(await RunAsync(input, options, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    public void Dispose()
    {
        // The chat client is borrowed.
    }
}
