using HfPipelines.Testing;

namespace HfPipelines.Tests.Audio;

/// <summary>
/// WAV files made from the speech fixtures (other bit depths, channel layouts and sample rates) and the reference
/// encoder's FLAC of each, made once per test class in a temporary folder. The sample rates are labels only (the
/// samples are the fixture's), chosen so that every frame-header sample-rate code occurs.
/// </summary>
public sealed class FlacToolCorpus : IDisposable
{
    private const string Jfk = "audio/jfk.wav";
    private const string Libri = "audio/librispeech-1272-141231-0002.wav";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hfp-flac-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, Encoded> _encoded = [];

    /// <summary>Every case, by name: source samples, bits, rate label and flac options.</summary>
    public static IReadOnlyDictionary<string, Func<Source>> Cases { get; } = new Dictionary<string, Func<Source>>
    {
        ["16-bit -0"] = () => new([Speech(Jfk)], 16, 16_000, ["-0"]),
        ["16-bit -5 8 kHz"] = () => new([Speech(Jfk)], 16, 8_000, ["-5"]),
        ["16-bit -8 22.05 kHz"] = () => new([Speech(Jfk)], 16, 22_050, ["-8"]),
        ["16-bit LPC order 32, 4608 block"] = () => new([Speech(Libri)], 16, 24_000, ["-8", "--lax", "-l", "32", "-b", "4608"]),
        ["16-bit LPC order 32, precision 15, partition order 8, 16384 block"] = () => new([Speech(Libri)], 16, 32_000, ["--lax", "-l", "32", "-q", "15", "-r", "8", "-b", "16384"]),
        ["16-bit 192 block"] = () => new([Speech(Jfk)], 16, 44_100, ["-5", "-b", "192"]),
        ["16-bit 576 block"] = () => new([Speech(Jfk)], 16, 48_000, ["-5", "-b", "576"]),
        ["16-bit 1000 block (16-bit size code)"] = () => new([Speech(Jfk)], 16, 96_000, ["-5", "-b", "1000"]),
        ["16-bit 100 block (8-bit size code)"] = () => new([Speech(Jfk)], 16, 88_200, ["-5", "-b", "100"]),
        ["16-bit 65535 block"] = () => new([Speech(Libri)], 16, 192_000, ["-8", "--lax", "-b", "65535"]),
        ["16-bit white noise (verbatim)"] = () => new([Noise(176_000, 16, seed: 1)], 16, 16_000, ["-5"]),
        ["stereo 16-bit -8"] = () => new(Stereo(), 16, 44_100, ["-8"]),
        ["stereo 16-bit mid/side -m"] = () => new(Stereo(), 16, 176_400, ["-5", "-m"]),
        ["stereo identical channels"] = () => new([Speech(Jfk), Speech(Jfk)], 16, 12_000, ["-5"]),
        ["stereo right = -left"] = () => new([Speech(Jfk), [.. Speech(Jfk).Select(s => -s)]], 16, 11_025, ["-5", "-m"]),
        ["24-bit stereo"] = () => new(Stereo().Select(c => Widen(c, 8, seed: 2)).ToArray(), 24, 44_110, ["-8"]),
        ["24-bit wasted bits"] = () => new([[.. Speech(Jfk).Select(s => s << 8)]], 24, 96_000, ["-5"]),
        ["8-bit"] = () => new([[.. Speech(Jfk).Select(s => s >> 8)]], 8, 8_000, ["-5"]),
        ["12-bit"] = () => new([[.. Speech(Jfk).Select(s => s >> 4)]], 12, 22_050, ["-8"]),
        ["20-bit"] = () => new([Widen(Speech(Jfk), 4, seed: 3)], 20, 48_000, ["-8"]),
        ["32-bit stereo"] = () => new(Stereo().Select(c => Widen(c, 16, seed: 4)).ToArray(), 32, 700_000, ["-8", "--lax"]),
        ["32-bit stereo, nearly equal channels (side channels)"] = () => new(NearlyEqual(Widen(Speech(Jfk), 16, seed: 5)), 32, 64_000, ["-8"]),
        ["16-bit no padding, tags, seek table"] = () => new([Speech(Libri)], 16, 16_000, ["-5", "--no-padding", "-T", "TITLE=test", "-S", "1s"]),
    };

    /// <summary>Case names, for theories.</summary>
    public static TheoryData<string> Names => [.. Cases.Keys];

    /// <summary>The fixtures every case reads.</summary>
    public static string[] Fixtures => [Jfk, Libri];

    /// <summary>The WAV and FLAC of a case, encoded on first use.</summary>
    public Encoded Get(string name)
    {
        if (!_encoded.TryGetValue(name, out var encoded))
        {
            Directory.CreateDirectory(_folder);
            var source = Cases[name]();
            var stem = Path.Combine(_folder, $"case{_encoded.Count}");
            File.WriteAllBytes(stem + ".wav", TestWaves.PcmInts(source.Channels, source.SampleRate, source.Bits));
            FlacTool.Encode(stem + ".wav", stem + ".flac", source.Options);
            encoded = new Encoded(source, stem + ".wav", stem + ".flac");
            _encoded[name] = encoded;
        }

        return encoded;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int[] Speech(string fixture) => TestWaves.ReadPcm16Mono(TestFixtures.PathOf(fixture));

    /// <summary>jfk on the left, the LibriSpeech clip (cut to the same length) on the right.</summary>
    private static int[][] Stereo() => [Speech(Jfk), Speech(Libri)[..176_000]];

    /// <summary>Shifts 16-bit samples up by <paramref name="bits"/> and fills the new low bits with noise.</summary>
    private static int[] Widen(int[] samples, int bits, int seed)
    {
        var random = new Random(seed);
        return [.. samples.Select(s => (s << bits) | random.Next(1 << bits))];
    }

    /// <summary>Two channels a few hundred steps apart, so that the encoder codes one of them as a side channel.</summary>
    private static int[][] NearlyEqual(int[] left)
    {
        var random = new Random(6);
        return [left, [.. left.Select(l => (int)Math.Clamp(l + (long)random.Next(-1000, 1000), int.MinValue, int.MaxValue))]];
    }

    private static int[] Noise(int count, int bits, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.Next(-(1 << (bits - 1)), 1 << (bits - 1)))];
    }

    /// <summary>Samples of a case (one array per channel) and how to encode them.</summary>
    public sealed record Source(int[][] Channels, int Bits, int SampleRate, string[] Options);

    /// <summary>A case's samples and the paths of its WAV and FLAC.</summary>
    public sealed record Encoded(Source Source, string Wav, string Flac);
}
