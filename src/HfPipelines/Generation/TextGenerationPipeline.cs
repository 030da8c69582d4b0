using System.Runtime.CompilerServices;
using System.Text;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Generation;

/// <summary>
/// The text-generation task over a chat client: the prompt goes to the model as plain text (no chat
/// template), with <c>max_new_tokens</c>, sampling, seed, stop sequences and <c>return_full_text</c> as in
/// transformers. Thread-safe as far as the client is. Streaming yields whole characters as they are decoded.
/// </summary>
public sealed class TextGenerationPipeline : IPipeline<string, TextGenerationOptions, TextGenerationResult>
{
    private readonly IChatClient _client;
    private readonly bool _ownsClient;
    private int _disposed;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="client">A local chat client that understands <see cref="GenerationPropertyNames.RawPrompt"/>.</param>
    /// <param name="ownsClient">Dispose the client with the pipeline.</param>
    public TextGenerationPipeline(IChatClient client, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
    }

    /// <inheritdoc />
    public string Task => PipelineTasks.TextGeneration;

    /// <inheritdoc />
    public async Task<TextGenerationResult> RunAsync(string input, TextGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TextGenerationOptions();
        var text = new StringBuilder();
        await foreach (var piece in StreamAsync(input, options, cancellationToken).ConfigureAwait(false))
        {
            text.Append(piece);
        }

        return new TextGenerationResult(options.ReturnFullText ? input + text : text.ToString());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TextGenerationResult>> RunBatchAsync(IReadOnlyList<string> inputs, TextGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var results = new List<TextGenerationResult>(inputs.Count);
        foreach (var input in inputs)
        {
            results.Add(await RunAsync(input, options, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Streams the continuation of a prompt (without the prompt), piece by piece.</summary>
    /// <param name="input">The prompt.</param>
    /// <param name="options">Options, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the generation: the enumeration throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The pieces.</returns>
    public async IAsyncEnumerable<string> StreamAsync(string input, TextGenerationOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (input.Length == 0)
        {
            throw new InvalidPipelineInputException("text-generation needs a non-empty prompt.");
        }

        var chatOptions = ToChatOptions(options ?? new TextGenerationOptions());
        await foreach (var update in _client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, input)], chatOptions, cancellationToken).ConfigureAwait(false))
        {
            var text = update.Text;
            if (text.Length > 0)
            {
                yield return text;
            }
        }
    }

    /// <summary>Maps transformers-style options onto chat options (validated).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The chat options with <see cref="GenerationPropertyNames.RawPrompt"/> set.</returns>
    public static ChatOptions ToChatOptions(TextGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        return new ChatOptions
        {
            MaxOutputTokens = options.MaxNewTokens,
            Temperature = options.Temperature,
            TopP = options.TopP,
            TopK = options.TopK,
            Seed = options.Seed,
            StopSequences = options.Stop.Count > 0 ? [.. options.Stop] : null,
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [GenerationPropertyNames.RawPrompt] = true,
                [GenerationPropertyNames.DoSample] = options.DoSample,
                [GenerationPropertyNames.RepetitionPenalty] = options.RepetitionPenalty,
            },
        };
    }

    private static void Validate(TextGenerationOptions options)
    {
        if (options.MaxNewTokens < 1)
        {
            throw new InvalidPipelineInputException($"max_new_tokens must be at least 1 (got {options.MaxNewTokens}).");
        }

        if (options.DoSample && options.Temperature <= 0)
        {
            throw new InvalidPipelineInputException($"temperature must be above 0 when do_sample is true (got {options.Temperature}).");
        }

        if (options.TopP is <= 0 or > 1)
        {
            throw new InvalidPipelineInputException($"top_p must be in (0, 1] (got {options.TopP}).");
        }

        if (options.TopK < 0 || options.RepetitionPenalty <= 0)
        {
            throw new InvalidPipelineInputException($"top_k must be >= 0 and repetition_penalty > 0 (got {options.TopK}, {options.RepetitionPenalty}).");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsClient)
        {
            _client.Dispose();
        }
    }
}
