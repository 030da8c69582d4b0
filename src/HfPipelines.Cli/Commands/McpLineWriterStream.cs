namespace HfPipelines.Cli.Commands;

/// <summary>
/// Standard output of <c>hfp mcp</c>, written one whole line (JSON-RPC message) at a time, so that a line of our own
/// (<see cref="WriteLineAsync"/>: the answer to a line over the length cap) never lands inside one of the server's.
/// Bytes wait until their newline. Thread-safe.
/// </summary>
internal sealed class McpLineWriterStream(Stream inner) : Stream
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly MemoryStream _line = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Writes a whole line (a newline is added) between the server's lines, and flushes it.</summary>
    /// <param name="line">The line, without its newline.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that ends when the line is written.</returns>
    public async Task WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var newline = buffer.Span.LastIndexOf((byte)'\n');
            if (newline < 0)
            {
                _line.Write(buffer.Span);
                return;
            }

            if (_line.Length > 0)
            {
                await inner.WriteAsync(_line.GetBuffer().AsMemory(0, (int)_line.Length), cancellationToken).ConfigureAwait(false);
                _line.SetLength(0);
            }

            await inner.WriteAsync(buffer[..(newline + 1)], cancellationToken).ConfigureAwait(false);
            _line.Write(buffer.Span[(newline + 1)..]);
        }
        finally
        {
            _lock.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _line.Dispose();
            _lock.Dispose();
        }

        base.Dispose(disposing);
    }
}
