using System.Runtime.CompilerServices;
using HfPipelines.Pipelines;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HfPipelines.Fallback;

/// <summary>
/// An <see cref="IChatClient"/> that tries a local and a remote chat client in the order of its
/// <see cref="FallbackPolicy"/>, like <see cref="FallbackPipeline{TInput, TOptions, TResult}"/>. A stream falls back
/// only if it fails before its first update; after that its error reaches the caller (the text already shown cannot
/// be taken back). Thread-safe. <see cref="Backend"/> names the side that answered last.
/// </summary>
public sealed class FallbackChatClient : IChatClient, IBackendInfo
{
    private const string Task = "chat";
    private readonly LocalLoader<IChatClient>? _local;
    private readonly IChatClient? _remote;
    private readonly bool _ownsClients;
    private readonly ILogger _logger;
    private string _backend = BackendNames.None;

    /// <summary>Creates the decorator.</summary>
    /// <param name="policy">The order of the backends.</param>
    /// <param name="localFactory">Loads the local chat client on first use; null when there is none.</param>
    /// <param name="remote">The remote chat client, or null when there is none.</param>
    /// <param name="logger">Logs each fallback and why; null for none.</param>
    /// <param name="ownsClients">True to dispose the loaded local client and the remote one with this decorator.</param>
    public FallbackChatClient(
        FallbackPolicy policy,
        Func<CancellationToken, ValueTask<IChatClient>>? localFactory,
        IChatClient? remote,
        ILogger? logger = null,
        bool ownsClients = false)
    {
        if (FallbackRules.Order(policy).Contains(false) && remote is null)
        {
            throw new ArgumentException($"Fallback policy {policy} needs a remote chat client; pass one or use {nameof(FallbackPolicy.LocalOnly)}.", nameof(remote));
        }

        Policy = policy;
        _local = localFactory is null ? null : new LocalLoader<IChatClient>(localFactory);
        _remote = remote;
        _logger = logger ?? NullLogger.Instance;
        _ownsClients = ownsClients;
    }

    /// <summary>The order of the backends.</summary>
    public FallbackPolicy Policy { get; }

    /// <inheritdoc />
    public string Backend => Volatile.Read(ref _backend);

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var order = FallbackRules.Order(Policy);
        var errors = new List<(string Backend, Exception Error)>();
        for (var i = 0; ; i++)
        {
            try
            {
                var client = await ClientAsync(order[i], cancellationToken).ConfigureAwait(false);
                var response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
                Answered(client, order[i]);
                return response;
            }
            catch (Exception ex) when (order.Count > 1 && FallbackRules.ShouldFallBack(ex, cancellationToken))
            {
                Failed(order, i, ex, errors);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var order = FallbackRules.Order(Policy);
        var errors = new List<(string Backend, Exception Error)>();
        for (var i = 0; ; i++)
        {
            IAsyncEnumerator<ChatResponseUpdate>? updates = null;
            var hasFirst = false;
            try
            {
                var client = await ClientAsync(order[i], cancellationToken).ConfigureAwait(false);
                updates = client.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                hasFirst = await updates.MoveNextAsync().ConfigureAwait(false);
                Answered(client, order[i]);
            }
            catch (Exception ex) when (order.Count > 1 && FallbackRules.ShouldFallBack(ex, cancellationToken))
            {
                if (updates is not null)
                {
                    await updates.DisposeAsync().ConfigureAwait(false);
                }

                Failed(order, i, ex, errors);
                continue;
            }

            try
            {
                if (hasFirst)
                {
                    yield return updates.Current;
                    while (await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield return updates.Current;
                    }
                }
            }
            finally
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }

            yield break;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClients)
        {
            _remote?.Dispose();
            _local?.Loaded?.Dispose();
        }

        _local?.Dispose();
    }

    private void Answered(IChatClient client, bool local) =>
        Volatile.Write(ref _backend, (client as IBackendInfo)?.Backend ?? (local ? BackendNames.Local : BackendNames.Remote));

    private void Failed(IReadOnlyList<bool> order, int index, Exception error, List<(string Backend, Exception Error)> errors)
    {
        errors.Add((order[index] ? BackendNames.Local : BackendNames.Remote, error));
        if (index == order.Count - 1)
        {
            throw new AllBackendsFailedException(Task, errors);
        }

        FallbackRules.FallingBack(_logger, Task, errors[^1].Backend, order[index + 1] ? BackendNames.Local : BackendNames.Remote, error.GetType().Name, error.Message);
    }

    private async ValueTask<IChatClient> ClientAsync(bool local, CancellationToken cancellationToken)
    {
        if (!local)
        {
            return _remote!;
        }

        if (_local is null)
        {
            throw new ModelLoadException("No local chat model is configured. Give a local model, or use FallbackPolicy.RemoteOnly.");
        }

        var (value, error, first) = await _local.GetAsync(cancellationToken).ConfigureAwait(false);
        if (first)
        {
            FallbackRules.LocalLoadFailed(_logger, Task, error!.GetType().Name, error.Message);
        }

        return value ?? throw (first ? error! : new ModelLoadException($"The local chat model failed to load earlier: {error!.Message}", error));
    }
}
