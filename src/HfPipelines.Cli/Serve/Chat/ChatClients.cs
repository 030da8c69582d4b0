using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Serve.Chat;

/// <summary>
/// One chat client per served chat model, created on first request and kept until the server stops; this class
/// owns them and disposes them. A creation that fails (or is cancelled) is forgotten, so the next request tries
/// again. Thread-safe.
/// </summary>
/// <param name="factory">Creates the client of a model id; null when this build has no chat models.</param>
internal sealed class ChatClients(Func<string, CancellationToken, Task<IChatClient>>? factory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IChatClient>>> _clients = new(StringComparer.Ordinal);

    public async Task<IChatClient> GetAsync(string model, CancellationToken cancellationToken)
    {
        if (factory is null)
        {
            throw new ServeRequestException(501, "This build of hfp has no chat model factory; chat is not available.");
        }

        var lazy = _clients.GetOrAdd(model, m => new Lazy<Task<IChatClient>>(() => factory(m, cancellationToken)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Forget the failed creation (only this one) so that a later request can try again; the error goes on.
            _clients.TryRemove(new KeyValuePair<string, Lazy<Task<IChatClient>>>(model, lazy));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _clients.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Reverse())
        {
            lazy.Value.Result.Dispose();
        }
    }
}
