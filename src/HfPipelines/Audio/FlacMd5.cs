using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HfPipelines.Audio;

/// <summary>
/// Checks a FLAC stream against the MD5 in its STREAMINFO: the hash of the decoded samples, interleaved, each as a
/// little-endian signed integer of (bits + 7) / 8 bytes. MD5 is the format's checksum here, not a security measure.
/// </summary>
internal sealed class FlacMd5 : IDisposable
{
    private readonly FlacStreamInfo _info;
    private readonly int _bytesPerSample;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private byte[] _scratch = [];

    /// <summary>Creates the check for the stream <paramref name="info"/> describes.</summary>
    /// <param name="info">The stream's STREAMINFO, with its MD5.</param>
    public FlacMd5(FlacStreamInfo info)
    {
        _info = info;
        _bytesPerSample = (info.BitsPerSample + 7) / 8;
    }

    /// <summary>Adds the samples of the frame <paramref name="decoder"/> decoded last.</summary>
    /// <param name="decoder">The frame decoder.</param>
    public void Append(FlacFrameDecoder decoder)
    {
        var channels = _info.Channels;
        var frameBytes = _bytesPerSample * channels;
        var length = decoder.Header.BlockSize * frameBytes;
        if (_scratch.Length < length)
        {
            _scratch = new byte[length];
        }

        var output = _scratch.AsSpan(0, length);
        for (var c = 0; c < channels; c++)
        {
            var samples = decoder.Channel(c);
            var at = c * _bytesPerSample;
            switch (_bytesPerSample)
            {
                case 1:
                    for (var i = 0; i < samples.Length; i++, at += frameBytes)
                    {
                        output[at] = (byte)samples[i];
                    }

                    break;
                case 2:
                    for (var i = 0; i < samples.Length; i++, at += frameBytes)
                    {
                        BinaryPrimitives.WriteInt16LittleEndian(output[at..], (short)samples[i]);
                    }

                    break;
                case 3:
                    for (var i = 0; i < samples.Length; i++, at += frameBytes)
                    {
                        var value = (int)samples[i];
                        BinaryPrimitives.WriteInt16LittleEndian(output[at..], (short)value);
                        output[at + 2] = (byte)(value >> 16);
                    }

                    break;
                default:
                    for (var i = 0; i < samples.Length; i++, at += frameBytes)
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(output[at..], (int)samples[i]);
                    }

                    break;
            }
        }

        _hash.AppendData(_scratch, 0, length);
    }

    /// <summary>Compares the hash of everything appended with STREAMINFO's.</summary>
    /// <exception cref="InvalidPipelineInputException">The hashes differ.</exception>
    public void Verify()
    {
        if (!_hash.GetHashAndReset().AsSpan().SequenceEqual(_info.Md5))
        {
            throw new InvalidPipelineInputException(
                "The FLAC audio is corrupt: the decoded samples do not match the MD5 signature in STREAMINFO, although every frame passed its CRC check. Re-encode the file (`flac -t FILE` checks one).");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();
}
