using BenchmarkDotNet.Attributes;
using HfPipelines.Audio;
using HfPipelines.Tasks;

namespace HfPipelines.Benchmarks;

/// <summary>Whisper log-mel features of one 30 s window (80 and 128 bins), MP3 decode, and 48 kHz to 16 kHz resampling.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class AudioBenchmarks
{
    private readonly WhisperFeatureExtractor _mel80 = new();
    private readonly WhisperFeatureExtractor _mel128 = new(new WhisperFeatureExtractorOptions { FeatureSize = 128 });
    private float[] _jfk = [];
    private byte[] _mp3 = [];
    private float[] _tone48k = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _jfk = (await AudioDecoder.DecodeAsync(AudioInput.FromFile(ImageBenchmarkFixtures.PathOf("audio/jfk.wav")))).Samples;
        _mp3 = await File.ReadAllBytesAsync(ImageBenchmarkFixtures.PathOf("audio/jfk.mp3"));
        _tone48k = Enumerable.Range(0, 48_000 * 30).Select(i => (float)Math.Sin(i * 0.05)).ToArray();
    }

    [Benchmark]
    public int LogMel80() => _mel80.Extract(_jfk).Length;

    [Benchmark]
    public int LogMel128() => _mel128.Extract(_jfk).Length;

    [Benchmark]
    public async Task<int> DecodeJfkMp3() => (await AudioDecoder.DecodeAsync(AudioInput.FromBytes(_mp3))).Samples.Length;

    [Benchmark]
    public int Resample30s48kTo16k() => StreamingResampler.Resample(_tone48k, 48_000, 16_000).Length;
}
