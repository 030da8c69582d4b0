using System.Runtime.CompilerServices;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Chat;
using HfPipelines.Remote.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace HfPipelines.Remote;

/// <summary>
/// An <see cref="IChatClient"/> over an OpenAI-compatible <c>/v1/chat/completions</c> API: the Hugging Face router
/// (model ids may carry <c>:provider</c> or <c>:fastest</c>), TGI, vLLM, llama.cpp server, Ollama. Messages, tools
/// (<see cref="FunctionCallContent"/> with call ids), tool choice, streaming and usage. Thread-safe.
/// </summary>
public sealed class RemoteChatClient : IChatClient, IBackendInfo
{
    private readonly RemoteInferenceClient _client;
    private readonly bool _ownsClient;
    private readonly RemoteRoutes _routes;
    private readonly string? _defaultModel;

    /// <summary>Creates a chat client that owns its HTTP client.</summary>
    /// <param name="options">Where to call and how.</param>
    /// <param name="defaultModel">The model when <see cref="ChatOptions.ModelId"/> is not set.</param>
    /// <param name="logger">Logs retries and failures; null for none.</param>
    /// <param name="handler">An HTTP handler to borrow, or null.</param>
    public RemoteChatClient(RemoteInferenceOptions options, string? defaultModel = null, ILogger? logger = null, HttpMessageHandler? handler = null)
        : this(new RemoteInferenceClient(options, logger, handler), defaultModel, ownsClient: true)
    {
    }

    /// <summary>Creates a chat client over a client it borrows.</summary>
    /// <param name="client">The client.</param>
    /// <param name="defaultModel">The model when <see cref="ChatOptions.ModelId"/> is not set.</param>
    public RemoteChatClient(RemoteInferenceClient client, string? defaultModel = null)
        : this(client, defaultModel, ownsClient: false)
    {
    }

    private RemoteChatClient(RemoteInferenceClient client, string? defaultModel, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
        _defaultModel = defaultModel;
        _routes = new RemoteRoutes(client.Options);
        Metadata = new ChatClientMetadata("huggingface", client.Options.BaseUrl, defaultModel);
    }

    /// <inheritdoc />
    public string Backend => BackendNames.Remote;

    /// <summary>The provider name, base URL and default model.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = ChatRequestWriter.Write(messages, options, _defaultModel, stream: false);
        var answer = await _client.PostJsonAsync(_routes.Chat, body, "chat", cancellationToken).ConfigureAwait(false);
        return ChatResponseReader.Read(answer);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = ChatRequestWriter.Write(messages, options, _defaultModel, stream: true);
        var uri = _routes.Chat;
        using var response = await _client.PostStreamingAsync(uri, body, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var update in ChatStreamReader.ReadAsync(stream, uri.Authority, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType == typeof(RemoteInferenceClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
