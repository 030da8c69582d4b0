using System.Buffers.Binary;

namespace HfPipelines.LlamaCpp.Whisper;

/// <summary>Checks a whisper.cpp ggml file in managed code before the native loader sees it.</summary>
internal static class GgmlModelFile
{
    private const uint GgmlMagic = 0x67676d6c; // "ggml", stored little-endian as "lmgg"

    private const int HyperParameters = 11;

    /// <summary>
    /// Checks a whisper model's header: the 11 hyper-parameters (vocabulary, audio and text sizes, mels,
    /// type) must be sane and the mel filter table that follows must be complete. whisper.cpp aborts the
    /// process (std::length_error) on a truncated header instead of failing, so this runs first.
    /// </summary>
    /// <param name="path">The model file.</param>
    public static void CheckWhisperModel(string path)
    {
        const string what = "whisper.cpp model";
        Check(path, what);
        using var stream = File.OpenRead(path);
        var header = new byte[4 + (4 * HyperParameters) + 8];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            throw new ModelLoadException($"The {what} '{path}' is truncated: its header is incomplete. Download the file again.");
        }

        for (var i = 0; i < HyperParameters; i++)
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4 + (4 * i)));
            var valid = i == HyperParameters - 1 ? value is >= 0 and < 100_000 : value is > 0 and < 1_000_000;
            if (!valid)
            {
                throw new ModelLoadException($"The {what} '{path}' has an invalid header (hyper-parameter {i} = {value}); it is corrupt or not a whisper model.");
            }
        }

        var mels = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4 + (4 * HyperParameters)));
        var fft = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8 + (4 * HyperParameters)));
        var filterBytes = (long)mels * fft * 4;
        if (mels <= 0 || fft <= 0 || mels > 1024 || fft > 65_536 || stream.Length < header.Length + filterBytes + 4)
        {
            throw new ModelLoadException($"The {what} '{path}' is truncated or corrupt: its mel filter table ({mels}x{fft}) does not fit in {stream.Length} bytes. Download the file again.");
        }
    }

    /// <summary>Throws <see cref="ModelLoadException"/> unless the file exists and starts with the ggml magic.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="what">What the file should be, for the message (e.g. "whisper.cpp model").</param>
    public static void Check(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"The {what} '{path}' does not exist. Pass a ggml .bin file (e.g. ggml-tiny.en.bin from ggerganov/whisper.cpp).");
        }

        Span<byte> magic = stackalloc byte[4];
        using (var stream = File.OpenRead(path))
        {
            if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
            {
                throw new ModelLoadException($"The {what} '{path}' is too short to be a ggml file.");
            }
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(magic);
        if (value != GgmlMagic)
        {
            var hint = magic.SequenceEqual("GGUF"u8) ? " It is a GGUF file: whisper.cpp takes the older ggml format." : string.Empty;
            throw new ModelLoadException($"The {what} '{path}' is not a ggml file (magic 0x{value:x8}, expected 0x{GgmlMagic:x8}).{hint}");
        }
    }
}
