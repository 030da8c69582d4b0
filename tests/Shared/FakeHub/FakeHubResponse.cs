using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace HfPipelines.Testing.FakeHub;

/// <summary>An HTTP/1.1 answer of <see cref="FakeHubServer"/>, optionally cut after some body bytes.</summary>
internal sealed class FakeHubResponse(int status, byte[] body)
{
    public int StatusCode { get; } = status;

    public byte[] Body { get; } = body;

    public string ContentType { get; init; } = "application/octet-stream";

    public List<(string Name, string Value)> Headers { get; } = [];

    /// <summary>When 0 or more, the connection is closed after this many body bytes (Content-Length stays full).</summary>
    public int CutAfterBytes { get; init; } = -1;

    /// <summary>When positive, the body is sent in chunks of this many bytes with <see cref="ChunkDelay"/> between them (a slow link).</summary>
    public int ChunkBytes { get; init; }

    /// <summary>The pause between chunks.</summary>
    public TimeSpan ChunkDelay { get; init; }

    /// <summary>When set, the body pauses after its first chunk until the task this returns completes.</summary>
    public Func<Task>? HoldAfterFirstChunk { get; init; }

    /// <summary>When set, the <c>Content-Length</c> announced instead of the body's length; -1 sends none (a body until the connection closes).</summary>
    public long? AnnouncedLength { get; init; }

    /// <summary>When true the body is sent with <c>Transfer-Encoding: chunked</c> (no length announced).</summary>
    public bool Chunked { get; init; }

    /// <summary>When true the body is repeated, chunked, until the client goes away (or <see cref="EndlessLimit"/> bytes were sent): an endless answer.</summary>
    public bool Endless { get; init; }

    /// <summary>Where an <see cref="Endless"/> body gives up (a bound for code that never stops reading). Default 1 GiB.</summary>
    public long EndlessLimit { get; init; } = 1L << 30;

    /// <summary>A 200 answer with a JSON (or any text) body.</summary>
    public static FakeHubResponse Json(string body, params (string Name, string Value)[] headers)
    {
        var response = new FakeHubResponse(200, Encoding.UTF8.GetBytes(body)) { ContentType = "application/json" };
        response.Headers.AddRange(headers);
        return response;
    }

    public static FakeHubResponse Status(int status, params (string Name, string Value)[] headers)
    {
        var response = new FakeHubResponse(status, Encoding.UTF8.GetBytes($"{{\"error\":\"status {status}\"}}")) { ContentType = "application/json" };
        response.Headers.AddRange(headers);
        return response;
    }

    public static FakeHubResponse Fault(FakeHubFault fault)
    {
        var response = Status(fault.Status);
        if (fault.RetryAfterSeconds >= 0)
        {
            response.Headers.Add(("Retry-After", fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
        }

        return response;
    }

    public async Task WriteAsync(NetworkStream stream, bool headOnly, CancellationToken cancellationToken)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {StatusCode} {Reason(StatusCode)}\r\n");
        if (Chunked || Endless)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if ((AnnouncedLength ?? Body.Length) is var announced and >= 0)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {announced}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Type: {ContentType}\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
        if (headOnly)
        {
            return;
        }

        if (Chunked || Endless)
        {
            await WriteChunkedAsync(stream, cancellationToken);
            return;
        }

        var length = CutAfterBytes >= 0 ? Math.Min(CutAfterBytes, Body.Length) : Body.Length;
        var chunk = ChunkBytes > 0 ? ChunkBytes : Math.Max(1, length);
        for (var sent = 0; sent < length; sent += chunk)
        {
            if (sent > 0)
            {
                if (sent == chunk && HoldAfterFirstChunk is { } hold)
                {
                    await hold().WaitAsync(cancellationToken);
                }

                await Task.Delay(ChunkDelay, cancellationToken);
            }

            await stream.WriteAsync(Body.AsMemory(sent, Math.Min(chunk, length - sent)), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    private async Task WriteChunkedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var size = Encoding.ASCII.GetBytes($"{Body.Length:x}\r\n");
        var crlf = "\r\n"u8.ToArray();
        for (long sent = 0; Body.Length > 0 && sent < (Endless ? EndlessLimit : 1); sent += Body.Length)
        {
            await stream.WriteAsync(size, cancellationToken);
            await stream.WriteAsync(Body, cancellationToken);
            await stream.WriteAsync(crlf, cancellationToken);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        206 => "Partial Content",
        302 => "Found",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
