using HfPipelines.Hub;
using HfPipelines.Pipelines;
using Microsoft.Extensions.AI;

namespace HfPipelines.Composition;

/// <summary>
/// An <see cref="IChatClient"/> over a model reference that opens the model on the first call, through the registered
/// backends (<see cref="LocalChatClients"/>), and keeps it until disposed. Lets dependency injection hand out a chat
/// client without loading (or downloading) anything at registration time. Thread-safe: concurrent first calls share
/// one load; a failed load is retried by the next call.
/// </summary>
public sealed class LocalModelChatClient : IChatClient
{
    private readonly ModelStore _store;
    private readonly IReadOnlyList<IPipelineBackend> _backends;
    private readonly string _model;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ModelStore? _ownedStore;
    private IChatClient? _inner;
    private bool _disposed;

    /// <summary>Creates the client; nothing is loaded yet.</summary>
    /// <param name="store">The model store (borrowed; it must outlive this client).</param>
    /// <param name="backends">The backends that may open the model, tried in order.</param>
    /// <param name="model">The model reference.</param>
    public LocalModelChatClient(ModelStore store, IEnumerable<IPipelineBackend> backends, string model)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        _store = store;
        _backends = [.. backends];
        _model = model;
    }

    private LocalModelChatClient(ModelStore store, IEnumerable<IPipelineBackend> backends, string model, bool ownsStore)
        : this(store, backends, model) => _ownedStore = ownsStore ? store : null;

    /// <summary>Creates a client with a model store of its own (disposed with the client); nothing is loaded yet.</summary>
    /// <param name="backends">The backends that may open the model, tried in order.</param>
    /// <param name="model">The model reference.</param>
    /// <param name="hub">Hub and cache settings; null reads them from the environment (HF_HOME, HF_TOKEN ...).</param>
    /// <returns>The client.</returns>
    public static LocalModelChatClient Create(IEnumerable<IPipelineBackend> backends, string model, HubOptions? hub = null)
    {
        var store = new ModelStore(hub ?? HubOptions.FromEnvironment());
        try
        {
            return new LocalModelChatClient(store, backends, model, ownsStore: true);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The model reference this client opens.</summary>
    public string Model => _model;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inner = await InnerAsync(cancellationToken).ConfigureAwait(false);
        return await inner.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inner = await InnerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var update in inner.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        return Volatile.Read(ref _inner)?.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _inner?.Dispose();
            _inner = null;
            _ownedStore?.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<IChatClient> InnerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _inner) is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _inner ??= await LocalChatClients.CreateAsync(_store, _backends, _model, cancellationToken).ConfigureAwait(false);
            return _inner;
        }
        finally
        {
            _gate.Release();
        }
    }
}
