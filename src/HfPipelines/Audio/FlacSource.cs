namespace HfPipelines.Audio;

/// <summary>
/// A streaming FLAC decoder (native FLAC: STREAMINFO, any other metadata skipped, fixed- or variable-blocksize
/// frames, 4 to 32 bits, 1 to 8 channels). Frames are decoded one at a time from a buffer that holds about one
/// frame, so memory stays bounded for long files; every frame's CRC-8 and CRC-16 are checked, and the MD5 of
/// the whole stream when asked. Not thread-safe.
/// </summary>
internal sealed class FlacSource : IAudioSource
{
    private const int MinimumLookahead = 64 * 1024;
    private const int MaximumFrameBytes = 16 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly FlacStreamInfo _info;
    private readonly FlacFrameDecoder _decoder;
    private readonly FlacMd5? _md5;
    private byte[] _buffer;
    private long _bufferOffset; // file offset of _buffer[0]
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _finished;
    private int _framePosition;
    private int _frameLength;
    private long _samplesDecoded;

    private FlacSource(Stream stream, bool ownsStream, FlacStreamInfo info, long audioOffset, bool verifyMd5)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _info = info;
        _decoder = new FlacFrameDecoder(info);
        _md5 = verifyMd5 && info.Md5.AsSpan().ContainsAnyExcept((byte)0) ? new FlacMd5(info) : null;
        _buffer = new byte[2 * MinimumLookahead];
        _bufferOffset = audioOffset;
    }

    /// <inheritdoc />
    public int SampleRate => _info.SampleRate;

    /// <inheritdoc />
    public int Channels => _info.Channels;

    /// <summary>Bits per sample of the stream.</summary>
    public int BitsPerSample => _info.BitsPerSample;

    private int Lookahead => Math.Clamp(_info.MaxFrameSize + 16, MinimumLookahead, MaximumFrameBytes);

    /// <summary>Reads the "fLaC" marker and the metadata blocks, up to the first frame.</summary>
    /// <param name="stream">The stream, positioned at "fLaC".</param>
    /// <param name="ownsStream">Whether disposing the source disposes the stream.</param>
    /// <param name="verifyMd5">Whether to compare the decoded samples with the MD5 in STREAMINFO at the end.</param>
    /// <param name="streamOffset">File offset of "fLaC" (an ID3v2 tag before it), for messages.</param>
    /// <returns>The source.</returns>
    /// <exception cref="InvalidPipelineInputException">Not FLAC, no STREAMINFO first, invalid values, or a truncated header.</exception>
    public static FlacSource Open(Stream stream, bool ownsStream, bool verifyMd5 = true, long streamOffset = 0)
    {
        var (info, audioOffset) = FlacMetadata.Read(stream, streamOffset);
        return new FlacSource(stream, ownsStream, info, audioOffset, verifyMd5);
    }

    /// <inheritdoc />
    public int Read(float[] buffer)
    {
        var frames = buffer.Length / Channels;
        var written = 0;
        while (written < frames && NextSamples() is var available and > 0)
        {
            var count = Math.Min(frames - written, available);
            var scale = 1f / (1L << (_decoder.Header.BitsPerSample - 1));
            for (var c = 0; c < Channels; c++)
            {
                var samples = _decoder.Channel(c).Slice(_framePosition, count);
                var output = buffer.AsSpan((written * Channels) + c);
                for (var i = 0; i < samples.Length; i++)
                {
                    output[i * Channels] = samples[i] * scale;
                }
            }

            _framePosition += count;
            written += count;
        }

        return written * Channels;
    }

    /// <summary>Reads interleaved integer samples as stored (lossless), for checks.</summary>
    /// <param name="buffer">The destination; its length is a multiple of <see cref="Channels"/>.</param>
    /// <returns>Samples written, 0 at the end.</returns>
    public int ReadPcm(int[] buffer)
    {
        var frames = buffer.Length / Channels;
        var written = 0;
        while (written < frames && NextSamples() is var available and > 0)
        {
            var count = Math.Min(frames - written, available);
            for (var c = 0; c < Channels; c++)
            {
                var samples = _decoder.Channel(c).Slice(_framePosition, count);
                for (var i = 0; i < samples.Length; i++)
                {
                    buffer[((written + i) * Channels) + c] = (int)samples[i];
                }
            }

            _framePosition += count;
            written += count;
        }

        return written * Channels;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _md5?.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    /// <summary>Samples per channel left in the current frame, decoding the next frame when it is used up; 0 at the end.</summary>
    private int NextSamples()
    {
        while (_framePosition == _frameLength)
        {
            if (_finished || !DecodeFrame())
            {
                return 0;
            }
        }

        return _frameLength - _framePosition;
    }

    private bool DecodeFrame()
    {
        var wanted = Lookahead;
        while (true)
        {
            Fill(wanted);
            var data = _buffer.AsSpan(_start, _end - _start);
            var offset = _bufferOffset + _start;
            if (data.Length < 2 || data[0] != 0xFF || (data[1] & 0xFE) != 0xF8)
            {
                return Finish(data, offset);
            }

            var length = _decoder.Decode(data, offset);
            if (length > 0)
            {
                _start += length;
                _framePosition = 0;
                _frameLength = _decoder.Header.BlockSize;
                _samplesDecoded += _frameLength;
                _md5?.Append(_decoder);
                return true;
            }

            if (_endOfStream)
            {
                throw new InvalidPipelineInputException(
                    $"The FLAC audio is truncated: the file ends inside the frame at byte {offset}. Pass the complete file.");
            }

            if (wanted >= MaximumFrameBytes)
            {
                throw FlacFrameHeader.Corrupt(offset, $"is larger than {MaximumFrameBytes / (1024 * 1024)} MB");
            }

            wanted = Math.Min(2 * Math.Max(wanted, data.Length), MaximumFrameBytes);
        }
    }

    /// <summary>No frame starts here: the end of the audio, or lost sync.</summary>
    private bool Finish(ReadOnlySpan<byte> rest, long offset)
    {
        var total = _info.TotalSamples;
        var complete = total > 0 && _samplesDecoded >= total;
        var id3v1 = _endOfStream && rest.Length == 128 && rest.StartsWith("TAG"u8);
        if (!complete && !(rest.IsEmpty && _endOfStream) && !id3v1)
        {
            throw new InvalidPipelineInputException(
                $"The FLAC audio is corrupt: no frame starts at byte {offset} (lost sync) after {_samplesDecoded} samples. Re-encode or re-download the file (`flac -t FILE` checks one).");
        }

        if (total > 0 && _samplesDecoded < total)
        {
            throw new InvalidPipelineInputException(
                $"The FLAC audio is truncated: STREAMINFO declares {total} samples per channel but the frames end after {_samplesDecoded} (byte {offset}). Pass the complete file.");
        }

        _finished = true;
        _md5?.Verify();
        return false;
    }

    /// <summary>
    /// Tops the buffer up to <paramref name="wanted"/> unread bytes, or to the end of the stream. The buffer grows only
    /// while bytes keep arriving, so a STREAMINFO that claims huge frames costs nothing on a short stream.
    /// </summary>
    private void Fill(int wanted)
    {
        if (_end - _start >= wanted || _endOfStream)
        {
            return;
        }

        if (_buffer.Length - _start < wanted)
        {
            var unread = _end - _start;
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
            _bufferOffset += _start;
            _start = 0;
            _end = unread;
        }

        while (_end - _start < wanted)
        {
            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, 2 * _buffer.Length);
            }

            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
                return;
            }

            _end += read;
        }
    }
}
