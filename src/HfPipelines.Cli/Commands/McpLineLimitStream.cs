namespace HfPipelines.Cli.Commands;

/// <summary>
/// Standard input of <c>hfp mcp</c> with a cap on the length of a line (one JSON-RPC message). Lines are passed on
/// whole; a line over the cap is never passed on nor held in memory: the rest of it up to the next newline is skipped,
/// and <c>onOverflow</c> gets its first bytes (to find its id) so that the client is answered with an error. Memory
/// stays bounded by the cap. Not thread-safe (one reader).
/// </summary>
internal sealed class McpLineLimitStream(Stream inner, long maxLineBytes, Func<ReadOnlyMemory<byte>, CancellationToken, Task> onOverflow) : Stream
{
    private const int HeadBytes = 1024;
    private const int KeptCapacity = 1 << 20;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private MemoryStream _line = new();
    private int _start;
    private int _end;
    private long _delivered = -1;
    private bool _discarding;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_delivered >= 0)
            {
                return Deliver(destination.Span);
            }

            if (_start == _end)
            {
                _start = 0;
                _end = await inner.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    _delivered = _line.Length > 0 && !_discarding ? 0 : -1; // a last line without its newline
                    return _delivered >= 0 ? Deliver(destination.Span) : 0;
                }
            }

            if (_discarding)
            {
                Discard();
                continue;
            }

            if (Take() is { } head)
            {
                await onOverflow(head, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _line.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Moves buffered input into the current line; when it ends, the line is ready to deliver. Returns the
    /// first bytes of a line that went over the cap (now being skipped), else null.</summary>
    private byte[]? Take()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var newline = span.IndexOf((byte)'\n');
        var lineBytes = newline < 0 ? span.Length : newline;
        if (_line.Length + lineBytes > maxLineBytes)
        {
            var kept = (int)Math.Min(_line.Length, HeadBytes);
            byte[] head = [.. _line.GetBuffer().AsSpan(0, kept), .. span[..Math.Min(lineBytes, HeadBytes - kept)]];
            Reset();
            _discarding = true;
            return head;
        }

        var taken = newline < 0 ? span.Length : newline + 1;
        _line.Write(span[..taken]);
        _start += taken;
        _delivered = newline < 0 ? -1 : 0;
        return null;
    }

    private int Deliver(Span<byte> destination)
    {
        var count = (int)Math.Min(destination.Length, _line.Length - _delivered);
        _line.GetBuffer().AsSpan((int)_delivered, count).CopyTo(destination);
        _delivered += count;
        if (_delivered == _line.Length)
        {
            Reset();
        }

        return count;
    }

    private void Reset()
    {
        _delivered = -1;
        if (_line.Capacity > KeptCapacity)
        {
            _line.Dispose();
            _line = new MemoryStream();
        }
        else
        {
            _line.SetLength(0);
        }
    }

    private void Discard()
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline < 0)
        {
            _start = _end;
            return;
        }

        _start += newline + 1;
        _discarding = false;
    }
}
