using System.Runtime.CompilerServices;
using System.Text.Json;
using HfPipelines.Audio;
using HfPipelines.Tasks;
using HfPipelines.Testing;

namespace HfPipelines.Tests.Audio;

public sealed class WhisperFeatureExtractorTests
{
    public static TheoryData<string, int> Cases => new()
    {
        { "jfk", 80 },
        { "jfk", 128 },
        { "librispeech-1272-141231-0002", 80 },
        { "librispeech-1272-141231-0002", 128 },
    };

    [FixtureTheory("audio/jfk.wav", "audio/librispeech-1272-141231-0002.wav")]
    [MemberData(nameof(Cases))]
    public async Task Extract_FixtureWav_MatchesTransformersJs(string name, int bins)
    {
        var clip = await AudioDecoder.DecodeAsync(AudioInput.FromFile(TestFixtures.PathOf($"audio/{name}.wav")));
        var extractor = new WhisperFeatureExtractor(new WhisperFeatureExtractorOptions { FeatureSize = bins });
        var (stride, kept, expected, sum, sumSquares) = LoadExpected(name, bins);

        var features = extractor.Extract(clip.Samples);

        Assert.Equal(bins * 3000, features.Length);
        var maxDiff = 0f;
        for (var m = 0; m < bins; m++)
        {
            for (var k = 0; k < kept; k++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(features[(m * 3000) + (k * stride)] - expected[(m * kept) + k]));
            }
        }

        Assert.True(maxDiff < 1e-4f, $"max abs diff {maxDiff}");
        Assert.Equal(sum, features.Sum(v => (double)v), 0.05);
        Assert.Equal(sumSquares, features.Sum(v => (double)v * v), 0.05);
    }

    [Fact]
    public void Load_PreprocessorConfig_ReadsWhisperKeys()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"feature_extractor_type": "WhisperFeatureExtractor", "feature_size": 128, "hop_length": 160, "n_fft": 400, "chunk_length": 30, "sampling_rate": 16000}""");

            var extractor = new WhisperFeatureExtractor(WhisperFeatureExtractorOptions.Load(path));

            Assert.Equal(128, extractor.Options.FeatureSize);
            Assert.Equal(3000, extractor.FrameCount);
            Assert.Equal(128 * 3000, extractor.Extract(new float[100]).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_ModelLoadException()
    {
        Assert.Throws<ModelLoadException>(() => WhisperFeatureExtractorOptions.Load("/no/such/preprocessor_config.json"));
    }

    [Fact]
    public void Extract_Silence_AllValuesEqualAfterClamp()
    {
        var features = new WhisperFeatureExtractor().Extract(new float[1600]);

        // log10(1e-10) = -10 everywhere, the max is -10 too: (-10 + 4) / 4 = -1.5.
        Assert.All(features, v => Assert.Equal(-1.5f, v));
    }

    [Fact]
    public void Extract_LongerThanWindow_UsesFirstThirtySeconds()
    {
        var extractor = new WhisperFeatureExtractor();
        var tone = Enumerable.Range(0, 16_000 * 31).Select(i => (float)Math.Sin(i * 0.1)).ToArray();

        var full = extractor.Extract(tone);
        var cut = extractor.Extract(tone.AsSpan(0, 16_000 * 30));

        Assert.Equal(cut, full);
    }

    [Fact]
    public void Extract_Tone_PeaksInTheMelBinOfItsFrequency()
    {
        var extractor = new WhisperFeatureExtractor();
        var tone = Enumerable.Range(0, 16_000).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / 16_000.0))).ToArray();

        var features = extractor.Extract(tone);

        // 1 kHz is mel 15 on the Slaney scale; with 80 bins spaced ~0.57 mel up to 8 kHz it falls in bin 25-26.
        var frame = 50;
        var best = Enumerable.Range(0, 80).MaxBy(m => features[(m * 3000) + frame]);
        Assert.InRange(best, 24, 27);
    }

    private static (int Stride, int Kept, float[] Values, double Sum, double SumSquares) LoadExpected(string name, int bins)
    {
        var dir = ExpectedDir();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "whisper-features.json")));
        var stride = doc.RootElement.GetProperty("stride").GetInt32();
        var entry = doc.RootElement.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("file").GetString() == $"{name}.mel{bins}.f32");
        var bytes = File.ReadAllBytes(Path.Combine(dir, $"{name}.mel{bins}.f32"));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return (stride, entry.GetProperty("keptFrames").GetInt32(), values, entry.GetProperty("sum").GetDouble(), entry.GetProperty("sumSquares").GetDouble());
    }

    private static string ExpectedDir([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Expected");
}
