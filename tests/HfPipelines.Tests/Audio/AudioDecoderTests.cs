using System.Buffers.Binary;
using HfPipelines.Audio;
using HfPipelines.Tasks;
using HfPipelines.Testing;

namespace HfPipelines.Tests.Audio;

public sealed class AudioDecoderTests
{
    [FixtureFact("audio/jfk.wav")]
    public async Task DecodeAsync_JfkWav_ElevenSecondsAt16k()
    {
        var clip = await AudioDecoder.DecodeAsync(AudioInput.FromFile(TestFixtures.PathOf("audio/jfk.wav")));

        Assert.Equal(16_000, clip.SampleRate);
        Assert.Equal(176_000, clip.Samples.Length);
        Assert.Equal(11.0, clip.Duration.TotalSeconds, 3);
    }

    [FixtureTheory("audio/jfk.wav", "audio/jfk.mp3")]
    [InlineData("jfk")]
    [InlineData("librispeech-1272-141231-0002")]
    public async Task DecodeAsync_Mp3AndWav_AgreeAfterAligning(string name)
    {
        var wav = await AudioDecoder.DecodeAsync(AudioInput.FromFile(TestFixtures.PathOf($"audio/{name}.wav")));
        var mp3 = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(await File.ReadAllBytesAsync(TestFixtures.PathOf($"audio/{name}.mp3"))));

        // MP3 encoders add a delay (encoder + decoder padding); find it, then compare the waveforms.
        var (lag, correlation) = BestCorrelation(wav.Samples, mp3.Samples, maxLag: 3000);

        Assert.True(Math.Abs(wav.Samples.Length - mp3.Samples.Length) < 16_000 / 4, $"wav {wav.Samples.Length}, mp3 {mp3.Samples.Length}");
        Assert.True(correlation > 0.9, $"correlation {correlation} at lag {lag}");
    }

    [FixtureFact("audio/common_voice_en_59751.mp3")]
    public async Task DecodeAsync_Mp3At48k_ResampledTo16k()
    {
        var path = TestFixtures.PathOf("audio/common_voice_en_59751.mp3");
        var native = await AudioDecoder.DecodeAsync(AudioInput.FromFile(path), sampleRate: 48_000);

        var clip = await AudioDecoder.DecodeAsync(AudioInput.FromFile(path));

        Assert.Equal((native.Samples.Length + 2) / 3, clip.Samples.Length);
    }

    [Fact]
    public async Task DecodeAsync_Stereo44k_MixedDownAndResampled()
    {
        var left = TestWaves.Sine(440, 44_100, 44_100);
        var interleaved = left.SelectMany(v => new[] { v, v * 0.5f }).ToArray();

        var clip = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(TestWaves.Pcm16(2, 44_100, interleaved)));

        Assert.Equal(16_000, clip.Samples.Length);
        // The mono mix is 0.75 * sine of amplitude 0.5: peak about 0.375, and the 440 Hz tone survives.
        Assert.InRange(clip.Samples.Skip(1000).Take(14_000).Max(), 0.36f, 0.39f);
    }

    [Fact]
    public void Resample_Tone_KeepsAmplitudeAndRemovesAliases()
    {
        var tone = TestWaves.Sine(1000, 48_000, 48_000);
        var aliasing = TestWaves.Sine(12_000, 48_000, 48_000); // above the 8 kHz Nyquist of 16 kHz

        var kept = StreamingResampler.Resample(tone, 48_000, 16_000);
        var removed = StreamingResampler.Resample(aliasing, 48_000, 16_000);

        Assert.Equal(16_000, kept.Length);
        Assert.InRange(Rms(kept.AsSpan(500, 15_000)), 0.35, 0.36); // 0.5 / sqrt(2)
        Assert.True(Rms(removed.AsSpan(500, 15_000)) < 0.001, $"alias rms {Rms(removed.AsSpan(500, 15_000))}");
    }

    [Fact]
    public void Process_InBlocks_SameAsWholeSignal()
    {
        var signal = TestWaves.Sine(300, 22_050, 10_000);
        var whole = StreamingResampler.Resample(signal, 22_050, 16_000);
        var resampler = new StreamingResampler(22_050, 16_000);
        var pieces = new List<float>();

        for (var i = 0; i < signal.Length; i += 777)
        {
            pieces.AddRange(resampler.Process(signal.AsSpan(i, Math.Min(777, signal.Length - i))));
        }

        pieces.AddRange(resampler.Flush());
        Assert.Equal(whole.Length, pieces.Count);
        Assert.Equal(whole, pieces.ToArray());
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(1, 24)]
    [InlineData(1, 32)]
    [InlineData(3, 32)]
    [InlineData(3, 64)]
    public async Task DecodeAsync_WavEncodings_DecodeFullScaleValues(ushort format, int bits)
    {
        var data = new byte[bits / 8 * 2];
        WriteSample(data, 0, format, bits, 0.5);
        WriteSample(data, 1, format, bits, -0.25);

        var clip = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(TestWaves.Wav(format, 1, 16_000, bits, data)));

        Assert.Equal(0.5f, clip.Samples[0], 2);
        Assert.Equal(-0.25f, clip.Samples[1], 2);
    }

    [Fact]
    public async Task ReadChunksAsync_LongStream_YieldsBoundedChunks()
    {
        var samples = TestWaves.Sine(200, 16_000, 16_000 * 20);
        using var stream = new MemoryStream(TestWaves.Pcm16(1, 16_000, samples));
        var total = 0;
        var largest = 0;

        await foreach (var chunk in AudioDecoder.ReadChunksAsync(stream, 16_000, chunkSamples: 8_000))
        {
            total += chunk.Length;
            largest = Math.Max(largest, chunk.Length);
        }

        Assert.Equal(samples.Length, total);
        Assert.Equal(8_000, largest);
        Assert.True(stream.CanRead, "the caller's stream stays open");
    }

    [Fact]
    public async Task ReadChunksAsync_192kHz_ChunksOfTheDefaultSize()
    {
        var samples = TestWaves.Sine(1000, 192_000, 192_000 * 3);
        var sizes = new List<int>();

        // 16384 output samples need 16384 * 192000 / 16000 input frames: the product overflows an int.
        await foreach (var chunk in AudioDecoder.ReadChunksAsync(AudioInput.FromBytes(TestWaves.Pcm16(1, 192_000, samples))))
        {
            sizes.Add(chunk.Length);
        }

        Assert.Equal(48_000, sizes.Sum());
        Assert.InRange(sizes.Max(), 16_000, 16_500);
    }

    [FixtureFact("audio/jfk.mp3")]
    public async Task ReadChunksAsync_NonSeekableMp3Stream_DecodesSameAsFile()
    {
        var path = TestFixtures.PathOf("audio/jfk.mp3");
        var fromFile = await AudioDecoder.DecodeAsync(AudioInput.FromFile(path));
        await using var stream = new ForwardOnlyStream(await File.ReadAllBytesAsync(path));
        var samples = new List<float>();

        await foreach (var chunk in AudioDecoder.ReadChunksAsync(stream))
        {
            samples.AddRange(chunk);
        }

        Assert.Equal(fromFile.Samples, samples.ToArray());
    }

    [FixtureFact("audio/librispeech-1272-141231-0002.wav")]
    public async Task DecodeAsync_Stream_SameAsFile()
    {
        var path = TestFixtures.PathOf("audio/librispeech-1272-141231-0002.wav");
        await using var stream = File.OpenRead(path);

        var fromStream = await AudioDecoder.DecodeAsync(stream);
        var fromFile = await AudioDecoder.DecodeAsync(AudioInput.FromFile(path));

        Assert.Equal(213_360, fromStream.Samples.Length);
        Assert.Equal(fromFile.Samples, fromStream.Samples);
    }

    [Fact]
    public async Task DecodeAsync_FromSamples_ResampledTo16k()
    {
        var clip = await AudioDecoder.DecodeAsync(AudioInput.FromSamples(new float[8_000], 8_000));

        Assert.Equal(16_000, clip.Samples.Length);
    }

    [Fact]
    public async Task DecodeAsync_BadInputs_TypedErrors()
    {
        var pcm = TestWaves.Pcm16(1, 16_000, TestWaves.Sine(100, 16_000, 1000));
        byte[][] bad =
        [
            [],
            "hello world, not audio"u8.ToArray(),
            [.. "fLaC"u8, 0, 0, 0, 34, 1, 2, 3, 4],
            pcm[..20],
            pcm[..(pcm.Length - 500)],
            TestWaves.Wav(1, 1, 0, 16, new byte[100]),
            TestWaves.Wav(1, 1, 16_000, 16, []),
            TestWaves.Wav(2, 1, 16_000, 4, new byte[100]),
        ];

        foreach (var bytes in bad)
        {
            await Assert.ThrowsAsync<InvalidPipelineInputException>(() => AudioDecoder.DecodeAsync(AudioInput.FromBytes(bytes)));
        }
    }

    [Fact]
    public async Task DecodeAsync_M4a_MessageNamesSupportedFormats()
    {
        var ex = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => AudioDecoder.DecodeAsync(AudioInput.FromBytes((byte[])[0, 0, 0, 32, .. "ftypM4A "u8, 0, 0, 0, 0])));

        Assert.Contains("MP4/M4A, which is not supported", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FLAC", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WAV", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MP3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAsync_MissingFile_TypedError()
    {
        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => AudioDecoder.DecodeAsync(AudioInput.FromFile("/no/such/audio.wav")));
    }

    private static void WriteSample(byte[] data, int index, ushort format, int bits, double value)
    {
        var span = data.AsSpan(index * bits / 8);
        switch ((format, bits))
        {
            case (1, 8): span[0] = (byte)(128 + (value * 128)); break;
            case (1, 24): var v24 = (int)(value * 8_388_608); span[0] = (byte)v24; span[1] = (byte)(v24 >> 8); span[2] = (byte)(v24 >> 16); break;
            case (1, 32): BinaryPrimitives.WriteInt32LittleEndian(span, (int)(value * int.MaxValue)); break;
            case (3, 32): BinaryPrimitives.WriteSingleLittleEndian(span, (float)value); break;
            default: BinaryPrimitives.WriteDoubleLittleEndian(span, value); break;
        }
    }

    private static double Rms(ReadOnlySpan<float> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }

    private static (int Lag, double Correlation) BestCorrelation(float[] a, float[] b, int maxLag)
    {
        var best = (Lag: 0, Correlation: double.MinValue);
        for (var lag = 0; lag <= maxLag; lag += 1)
        {
            var n = Math.Min(a.Length, b.Length - lag);
            double ab = 0, aa = 0, bb = 0;
            for (var i = 0; i < n; i += 4)
            {
                ab += a[i] * b[i + lag];
                aa += a[i] * a[i];
                bb += b[i + lag] * b[i + lag];
            }

            var c = ab / Math.Sqrt(aa * bb);
            if (c > best.Correlation)
            {
                best = (lag, c);
            }
        }

        return best;
    }
}
