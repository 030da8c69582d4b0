namespace HfPipelines.Remote.Tasks;

/// <summary>Guesses the media type of image and audio bytes from their first bytes (the server needs it).</summary>
internal static class MediaTypes
{
    public static string Image(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'G', (byte)'I', (byte)'F', ..] => "image/gif",
        [(byte)'B', (byte)'M', ..] => "image/bmp",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => throw new InvalidPipelineInputException("The image is not PNG, JPEG, GIF, BMP or WebP; pass the bytes of an image file."),
    };

    public static string Audio(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'A', (byte)'V', (byte)'E', ..] => "audio/wav",
        [(byte)'f', (byte)'L', (byte)'a', (byte)'C', ..] => "audio/flac",
        [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..] => "audio/ogg",
        [(byte)'I', (byte)'D', (byte)'3', ..] => "audio/mpeg",
        [0xFF, >= 0xE0, ..] => "audio/mpeg",
        [0x1A, 0x45, 0xDF, 0xA3, ..] => "audio/webm",
        _ => throw new InvalidPipelineInputException("The audio is not WAV, FLAC, OGG, MP3 or WebM; pass the bytes of an audio file, or samples."),
    };

    /// <summary>Encodes mono float samples as a 16-bit PCM WAV file.</summary>
    public static byte[] Wav(float[] samples, int sampleRate)
    {
        using var stream = new MemoryStream(44 + (samples.Length * 2));
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples.Length * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (var sample in samples)
        {
            writer.Write((short)Math.Round(Math.Clamp(sample, -1f, 1f) * short.MaxValue));
        }

        writer.Flush();
        return stream.ToArray();
    }
}
