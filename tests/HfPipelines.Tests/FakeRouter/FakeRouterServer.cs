using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HfPipelines.Tests.FakeRouter;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (port 0) that answers each request with the handler's <see cref="FakeResponse"/>
/// and records what it received. One request per connection (it answers with <c>Connection: close</c>). Disposing it
/// stops the accept loop and releases hanging requests.
/// </summary>
public sealed class FakeRouterServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<FakeRequest, FakeResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _loop;

    public FakeRouterServer(Func<FakeRequest, FakeResponse> handler)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _loop = AcceptAsync();
    }

    /// <summary>Answers with the given responses in turn, repeating the last one.</summary>
    public static FakeRouterServer Sequence(params FakeResponse[] responses)
    {
        var next = -1;
        return new FakeRouterServer(_ => responses[Math.Min(Interlocked.Increment(ref next), responses.Length - 1)]);
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>Waits (at most 10 s, as a safety bound) until one more request has arrived.</summary>
    public async Task WaitForRequestAsync()
    {
        if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("The fake server got no request within 10 s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, _stop.Token);
                _requests.Enqueue(request);
                var response = _handler(request);
                _arrived.Release();
                await WriteAsync(stream, response, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private static async Task<FakeRequest> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("Connection closed before the headers ended.");
            }

            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var start = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new FakeRequest(start[0], start[1], headers, body);
    }

    private static async Task WriteAsync(NetworkStream stream, FakeResponse response, CancellationToken cancellationToken)
    {
        if (response.Drop)
        {
            return;
        }

        if (response.Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var body = response.Events is null
            ? response.Body
            : Encoding.UTF8.GetBytes(string.Concat(response.Events.Select(e => $"data: {e}\n\n")));
        var head = new StringBuilder($"HTTP/1.1 {response.Status} {ReasonPhrase(response.Status)}\r\n");
        head.Append($"Content-Type: {response.ContentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n");
        foreach (var (name, value) in response.Headers)
        {
            head.Append($"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        307 => "Temporary Redirect",
        _ => "Status",
    };
}
