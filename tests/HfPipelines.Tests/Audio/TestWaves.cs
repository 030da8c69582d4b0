using System.Buffers.Binary;

namespace HfPipelines.Tests.Audio;

/// <summary>Builds WAV files in memory for tests.</summary>
internal static class TestWaves
{
    /// <summary>A WAV whose data chunk holds <paramref name="data"/> as given.</summary>
    public static byte[] Wav(ushort format, int channels, int sampleRate, int bits, byte[] data, uint? declaredDataSize = null)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + data.Length);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write(format);
        writer.Write((ushort)channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * channels * bits / 8);
        writer.Write((ushort)(channels * bits / 8));
        writer.Write((ushort)bits);
        writer.Write("LIST"u8); // an unrelated chunk to skip
        writer.Write(3);
        writer.Write(new byte[] { 1, 2, 3, 0 });
        writer.Write("data"u8);
        writer.Write(declaredDataSize ?? (uint)data.Length);
        writer.Write(data);
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>16-bit PCM of the given samples (interleaved when several channels).</summary>
    public static byte[] Pcm16(int channels, int sampleRate, float[] interleaved)
    {
        var data = new byte[interleaved.Length * 2];
        for (var i = 0; i < interleaved.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), (short)Math.Clamp(interleaved[i] * 32768f, -32768f, 32767f));
        }

        return Wav(1, channels, sampleRate, 16, data);
    }

    /// <summary>The samples of a 16-bit PCM mono WAV file (the fixtures' format).</summary>
    public static int[] ReadPcm16Mono(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = 12;
        while (!bytes.AsSpan(at, 4).SequenceEqual("data"u8))
        {
            at += 8 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
        }

        var data = bytes.AsSpan(at + 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4)));
        var samples = new int[data.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]);
        }

        return samples;
    }

    /// <summary>
    /// A PCM WAV of integer samples of <paramref name="bits"/> bits (8 unsigned; 12 and 20 left-justified in 16 and 24-bit
    /// containers with WAVE_FORMAT_EXTENSIBLE, as flac reads them).
    /// </summary>
    public static byte[] PcmInts(int[][] channels, int sampleRate, int bits)
    {
        var width = (bits + 7) / 8;
        var data = new byte[channels[0].Length * channels.Length * width];
        var at = 0;
        for (var i = 0; i < channels[0].Length; i++)
        {
            foreach (var channel in channels)
            {
                var value = bits == 8 ? channel[i] + 128 : channel[i] << ((8 * width) - bits);
                for (var b = 0; b < width; b++)
                {
                    data[at++] = (byte)(value >> (8 * b));
                }
            }
        }

        if (bits % 8 == 0)
        {
            return Wav(1, channels.Length, sampleRate, bits, data);
        }

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(60 + data.Length);
        writer.Write("WAVEfmt "u8);
        writer.Write(40);
        writer.Write((ushort)0xFFFE);
        writer.Write((ushort)channels.Length);
        writer.Write(sampleRate);
        writer.Write(sampleRate * channels.Length * width);
        writer.Write((ushort)(channels.Length * width));
        writer.Write((ushort)(8 * width));
        writer.Write((ushort)22);
        writer.Write((ushort)bits);
        writer.Write(channels.Length == 1 ? 4 : 3);
        writer.Write(Convert.FromHexString("0100000000001000800000AA00389B71")); // KSDATAFORMAT_SUBTYPE_PCM
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>A sine of <paramref name="frequency"/> Hz.</summary>
    public static float[] Sine(double frequency, int sampleRate, int count, double amplitude = 0.5) =>
        Enumerable.Range(0, count).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate))).ToArray();
}
