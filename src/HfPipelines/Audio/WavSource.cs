using System.Buffers.Binary;

namespace HfPipelines.Audio;

/// <summary>
/// A streaming RIFF/WAVE reader: PCM 8 (unsigned), 16, 24 and 32-bit, IEEE float 32 and 64-bit, and
/// WAVE_FORMAT_EXTENSIBLE of those. Reads the data chunk block by block; not thread-safe.
/// </summary>
internal sealed class WavSource : IAudioSource
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly bool _isFloat;
    private readonly int _bytesPerSample;
    private readonly long _dataLength;
    private long _dataRead;
    private byte[] _raw = [];

    private WavSource(Stream stream, bool ownsStream, int sampleRate, int channels, bool isFloat, int bits, long dataLength)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        SampleRate = sampleRate;
        Channels = channels;
        _isFloat = isFloat;
        _bytesPerSample = bits / 8;
        _dataLength = dataLength;
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int Channels { get; }

    /// <summary>Reads the header up to the start of the data chunk.</summary>
    /// <param name="stream">The stream, positioned at "RIFF".</param>
    /// <param name="ownsStream">Whether disposing the source disposes the stream.</param>
    /// <returns>The source.</returns>
    /// <exception cref="InvalidPipelineInputException">Not a WAV file, an unsupported encoding, or a truncated header.</exception>
    public static WavSource Open(Stream stream, bool ownsStream)
    {
        Span<byte> header = stackalloc byte[12];
        ReadExactly(stream, header, "RIFF header");
        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidPipelineInputException("The audio is not a RIFF/WAVE file.");
        }

        (ushort Format, int Channels, int Rate, int Bits)? fmt = null;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            ReadExactly(stream, chunk, "chunk header (no data chunk found)");
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                fmt = ReadFormat(stream, size);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                var f = fmt ?? throw new InvalidPipelineInputException("The WAV file has a data chunk before its fmt chunk; it is malformed.");
                var length = size is 0 or uint.MaxValue ? long.MaxValue : size;
                return new WavSource(stream, ownsStream, f.Rate, f.Channels, f.Format == FormatFloat, f.Bits, length);
            }
            else
            {
                Skip(stream, size + (size & 1));
            }
        }
    }

    /// <inheritdoc />
    public int Read(float[] buffer)
    {
        var frameBytes = _bytesPerSample * Channels;
        var wanted = (int)Math.Min((long)(buffer.Length / Channels) * frameBytes, _dataLength - _dataRead);
        if (wanted <= 0)
        {
            return 0;
        }

        if (_raw.Length < wanted)
        {
            _raw = new byte[wanted];
        }

        var got = _stream.ReadAtLeast(_raw.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
        _dataRead += got;
        if (got < wanted && _dataLength != long.MaxValue)
        {
            throw new InvalidPipelineInputException(
                $"The WAV file is truncated: its data chunk declares {_dataLength} bytes but ends after {_dataRead}. Pass the complete file.");
        }

        var samples = got / frameBytes * Channels;
        Convert(_raw.AsSpan(0, samples * _bytesPerSample), buffer.AsSpan(0, samples));
        return samples;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private static (ushort Format, int Channels, int Rate, int Bits) ReadFormat(Stream stream, uint size)
    {
        if (size < 16 || size > 1024)
        {
            throw new InvalidPipelineInputException($"The WAV fmt chunk has an invalid size ({size} bytes).");
        }

        var data = new byte[size + (size & 1)];
        ReadExactly(stream, data, "fmt chunk");
        var format = BinaryPrimitives.ReadUInt16LittleEndian(data);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(2));
        var rate = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(4));
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(14));
        if (format == FormatExtensible && size >= 40)
        {
            format = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(24));
        }

        Validate(format, channels, rate, bits);
        return (format, channels, rate, bits);
    }

    private static void Validate(ushort format, int channels, int rate, int bits)
    {
        if (rate <= 0)
        {
            throw new InvalidPipelineInputException($"The WAV file declares a sample rate of {rate} Hz; it must be positive.");
        }

        if (channels <= 0)
        {
            throw new InvalidPipelineInputException("The WAV file declares 0 channels.");
        }

        var supported = (format == FormatPcm && bits is 8 or 16 or 24 or 32) || (format == FormatFloat && bits is 32 or 64);
        if (!supported)
        {
            throw new InvalidPipelineInputException(
                $"WAV encoding {format} with {bits} bits is not supported. Supported: PCM 8/16/24/32-bit and IEEE float 32/64-bit; convert the file (e.g. ffmpeg -i in.wav -c:a pcm_s16le out.wav).");
        }
    }

    private void Convert(ReadOnlySpan<byte> raw, Span<float> output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var s = raw.Slice(i * _bytesPerSample, _bytesPerSample);
            output[i] = (_isFloat, _bytesPerSample) switch
            {
                (true, 4) => BinaryPrimitives.ReadSingleLittleEndian(s),
                (true, _) => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
                (false, 1) => (s[0] - 128) / 128f,
                (false, 2) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
                (false, 3) => ((s[0] << 8) | (s[1] << 16) | (s[2] << 24)) / 2147483648f,
                _ => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648f,
            };
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new InvalidPipelineInputException($"The WAV file is truncated: it ends inside the {what}.");
        }
    }

    private static void Skip(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            if (stream.Position + count > stream.Length)
            {
                throw new InvalidPipelineInputException("The WAV file is truncated: it ends inside a chunk.");
            }

            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        var buffer = new byte[(int)Math.Min(count, 81920)];
        while (count > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(count, buffer.Length));
            if (n == 0)
            {
                throw new InvalidPipelineInputException("The WAV file is truncated: it ends inside a chunk.");
            }

            count -= n;
        }
    }
}
