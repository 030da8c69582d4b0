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

    /// <summary>A sine of <paramref name="frequency"/> Hz.</summary>
    public static float[] Sine(double frequency, int sampleRate, int count, double amplitude = 0.5) =>
        Enumerable.Range(0, count).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate))).ToArray();
}
