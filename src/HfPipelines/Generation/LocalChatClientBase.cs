using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using HfPipelines.ChatTemplates;
using Microsoft.Extensions.AI;

namespace HfPipelines.Generation;

/// <summary>
/// The backend-free half of a local <see cref="IChatClient"/>: renders the conversation with the model's own
/// chat template (tools through the template's <c>tools</c> variable), picks the decoding constraint
/// (a tool call for <c>RequireAny</c>, text or a call for <c>Auto</c>, JSON for a JSON response format),
/// applies stop sequences and turns the output into text or <see cref="FunctionCallContent"/>s.
/// A backend only implements <see cref="GenerateAsync"/>.
/// </summary>
public abstract class LocalChatClientBase : IChatClient
{
    private readonly Lazy<ChatTemplate?> _template;
    private readonly string? _templateSource;
    private int _disposed;

    /// <summary>Creates the client.</summary>
    /// <param name="templateSource">The chat template (the caller's override or the model's own), or null when there is none.</param>
    /// <param name="metadata">Describes the client.</param>
    protected LocalChatClientBase(string? templateSource, ChatClientMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Metadata = metadata;
        _templateSource = string.IsNullOrWhiteSpace(templateSource) ? null : templateSource;
        _template = new Lazy<ChatTemplate?>(() => _templateSource is null ? null : ChatTemplate.Parse(_templateSource), LazyThreadSafetyMode.ExecutionAndPublication);
        ToolCallFormat = ToolCallFormats.Detect(_templateSource);
    }

    /// <summary>Describes the client (provider, model id).</summary>
    public ChatClientMetadata Metadata { get; }

    /// <summary>The tool-call format the template teaches.</summary>
    public ToolCallFormat ToolCallFormat { get; }

    /// <summary>True when a chat template is available.</summary>
    public bool HasChatTemplate => _templateSource is not null;

    /// <summary>Most new tokens when <c>MaxOutputTokens</c> is not set. Default 256.</summary>
    protected virtual int DefaultMaxOutputTokens => 256;

    /// <summary>True when the backend can constrain to "plain text or a tool call" (a grammar); false
    /// leaves <c>Auto</c> unconstrained (calls are still parsed from free output).</summary>
    protected virtual bool SupportsTextOrCallConstraint => true;

    /// <summary>Template variables besides messages and tools (<c>bos_token</c>, <c>eos_token</c>).</summary>
    protected abstract IReadOnlyDictionary<string, JsonNode?> TemplateVariables { get; }

    /// <summary>Runs one generation, yielding text pieces (whole UTF-8 characters) as they are decoded.
    /// Checks <paramref name="cancellationToken"/> at every token and throws when it is cancelled.</summary>
    /// <param name="request">The prompt, sampling and constraint.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The pieces.</returns>
    protected abstract IAsyncEnumerable<string> GenerateAsync(LocalGenerationRequest request, CancellationToken cancellationToken);

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var request = Plan(messages.ToList(), options, out var parseCalls);
        var responseId = Guid.NewGuid().ToString("N");
        var filter = new StopSequenceFilter(options?.StopSequences);
        // With tools offered, text streams until it could be a call (then the rest is parsed at the end).
        var gate = parseCalls ? new ToolCallStreamGate() : null;
        await foreach (var piece in GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var text = filter.Push(piece);
            if (gate is not null)
            {
                text = gate.Push(text);
            }

            if (text.Length > 0)
            {
                yield return Update(responseId, [new TextContent(text)]);
            }

            if (filter.Stopped)
            {
                break;
            }
        }

        var rest = filter.Flush();
        var contents = gate is not null ? gate.Complete(rest) : [new TextContent(rest)];
        var final = Update(responseId, contents);
        final.FinishReason = contents.OfType<FunctionCallContent>().Any() ? ChatFinishReason.ToolCalls
            : request.Stats.ReachedMaxTokens && !filter.Stopped ? ChatFinishReason.Length : ChatFinishReason.Stop;
        final.Contents.Add(new UsageContent(new UsageDetails
        {
            InputTokenCount = request.Stats.PromptTokens,
            CachedInputTokenCount = request.Stats.PromptTokensReused,
            OutputTokenCount = request.Stats.GeneratedTokens,
            TotalTokenCount = request.Stats.PromptTokens + request.Stats.GeneratedTokens,
        }));
        yield return final;
    }

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Renders a conversation with the chat template, as the client would for a request.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="options">Options (their tools go into the template).</param>
    /// <returns>The prompt text.</returns>
    public string RenderPrompt(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var template = _template.Value ?? throw new MissingChatTemplateException(
            $"{Metadata.DefaultModelId ?? "This model"} has no chat template, so chat messages cannot be formatted. "
            + "Pass a template: --chat-template FILE|chatml|llama3|phi3 in hfp, or the ChatTemplate option of the client (KnownChatTemplates.Resolve); or generate from a plain prompt (the text-generation pipeline).");
        return ChatRequestPlanner.Render(template, messages, ChatRequestPlanner.OfferedTools(options), TemplateVariables);
    }

    private LocalGenerationRequest Plan(List<ChatMessage> messages, ChatOptions? options, out bool parseCalls)
    {
        var sampling = ChatRequestPlanner.Sampling(options, DefaultMaxOutputTokens);
        var grammar = options?.AdditionalProperties?.TryGetValue(GenerationPropertyNames.Grammar, out var g) == true ? g?.ToString() : null;
        if (ChatRequestPlanner.IsRawPrompt(options))
        {
            parseCalls = false;
            return new LocalGenerationRequest(ChatRequestPlanner.RawPrompt(messages), true, sampling, null, new GenerationStats(), grammar);
        }

        var tools = ChatRequestPlanner.OfferedTools(options);
        parseCalls = tools.Count > 0;
        var prompt = RenderPrompt(messages, options);
        var constraint = ChatRequestPlanner.Constraint(options, tools, ToolCallFormat, SupportsTextOrCallConstraint);
        return new LocalGenerationRequest(prompt, false, sampling, constraint, new GenerationStats(), grammar);
    }

    private ChatResponseUpdate Update(string responseId, IList<AIContent> contents) =>
        new(ChatRole.Assistant, contents) { ResponseId = responseId, MessageId = responseId, ModelId = Metadata.DefaultModelId, CreatedAt = DateTimeOffset.UtcNow };

    /// <summary>Releases what the backend owns (in reverse order of creation).</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>True after <see cref="Dispose()"/>.</summary>
    protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Dispose(disposing: true);
            GC.SuppressFinalize(this);
        }
    }
}
