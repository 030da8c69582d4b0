using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Serve.Chat;

/// <summary>
/// One chat client per served chat model, created on first request and kept until the server stops; this class
/// owns them and disposes them. Thread-safe.
/// </summary>
/// <param name="factory">Creates the client of a model id; null when this build has no chat models.</param>
internal sealed class ChatClients(Func<string, IChatClient>? factory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> _clients = new(StringComparer.Ordinal);

    public IChatClient Get(string model)
    {
        if (factory is null)
        {
            throw new ServeRequestException(501, "This build of hfp has no chat model factory; chat is not available.");
        }

        return _clients.GetOrAdd(model, m => new Lazy<IChatClient>(() => factory(m))).Value;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(l => l.IsValueCreated).Select(l => l.Value).Reverse())
        {
            client.Dispose();
        }
    }
}
