using System.Text.Json;

namespace HfPipelines.Audio;

/// <summary>
/// Settings of the Whisper log-mel front end, named like the keys of a Whisper
/// <c>preprocessor_config.json</c>. Defaults are whisper-tiny's (80 mels); large-v3 uses 128.
/// </summary>
public sealed class WhisperFeatureExtractorOptions
{
    /// <summary>Mel bins (<c>feature_size</c>). Default 80; large-v3 uses 128.</summary>
    public int FeatureSize { get; init; } = 80;

    /// <summary>Samples per second (<c>sampling_rate</c>). Default 16000.</summary>
    public int SamplingRate { get; init; } = 16_000;

    /// <summary>FFT length and window length (<c>n_fft</c>). Default 400.</summary>
    public int NFft { get; init; } = 400;

    /// <summary>Samples between frames (<c>hop_length</c>). Default 160.</summary>
    public int HopLength { get; init; } = 160;

    /// <summary>Window length in seconds (<c>chunk_length</c>). Default 30.</summary>
    public int ChunkLength { get; init; } = 30;

    /// <summary>Reads the Whisper keys of a <c>preprocessor_config.json</c> (missing keys keep their defaults).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ModelLoadException">The file is missing or malformed.</exception>
    public static WhisperFeatureExtractorOptions Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var defaults = new WhisperFeatureExtractorOptions();
            return new WhisperFeatureExtractorOptions
            {
                FeatureSize = Int(root, "feature_size") ?? defaults.FeatureSize,
                SamplingRate = Int(root, "sampling_rate") ?? defaults.SamplingRate,
                NFft = Int(root, "n_fft") ?? defaults.NFft,
                HopLength = Int(root, "hop_length") ?? defaults.HopLength,
                ChunkLength = Int(root, "chunk_length") ?? defaults.ChunkLength,
            };
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or FormatException)
        {
            throw new ModelLoadException($"Whisper preprocessor config '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FeatureSize, 1, nameof(FeatureSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(SamplingRate, 1, nameof(SamplingRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(NFft, 2, nameof(NFft));
        ArgumentOutOfRangeException.ThrowIfLessThan(HopLength, 1, nameof(HopLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkLength, 1, nameof(ChunkLength));
    }

    private static int? Int(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
