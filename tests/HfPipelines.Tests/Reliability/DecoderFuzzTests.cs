using CsCheck;
using HfPipelines.Audio;
using HfPipelines.Images;
using HfPipelines.Tasks;
using HfPipelines.Testing;

namespace HfPipelines.Tests.Reliability;

/// <summary>
/// Property tests of the audio and image decoders: random bytes, and real files with random bytes overwritten or cut,
/// give a result or <see cref="InvalidPipelineInputException"/>, never another exception or a crash.
/// </summary>
public class DecoderFuzzTests
{
    private static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 512];

    // A fixed seed keeps every run (and CI) reproducible; HFP_FUZZ_RANDOM=1 explores with a new random seed per run.
    private static readonly string? Seed = Environment.GetEnvironmentVariable("HFP_FUZZ_RANDOM") == "1" ? null : "fkAiEvyb6cj1";

    private static async Task DecodeAudio(byte[] bytes)
    {
        try
        {
            var clip = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(bytes));
            Assert.Equal(16_000, clip.SampleRate);
        }
        catch (InvalidPipelineInputException)
        {
        }
    }

    private static void DecodeImage(byte[] bytes)
    {
        try
        {
            var image = ImageDecoder.Decode(bytes, new ImageDecodeOptions());
            Assert.NotNull(image);
        }
        catch (InvalidPipelineInputException)
        {
        }
    }

    private static Gen<byte[]> Mutated(byte[] original) =>
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Int[1, 64], Gen.Byte.Array[1, 64], Gen.Bool, (at, cut, noise, truncate) =>
        {
            var copy = truncate ? original[..Math.Max(1, original.Length - (cut * 997 % original.Length))] : (byte[])original.Clone();
            if (!truncate)
            {
                noise.CopyTo(copy.AsSpan(Math.Min(at, copy.Length - noise.Length)));
            }

            return copy;
        });

    [Fact]
    public Task Audio_RandomBytes_ResultOrTypedError() => Bytes.SampleAsync(DecodeAudio, iter: 500, seed: Seed);

    [FixtureFact("audio/jfk.wav")]
    public Task Audio_MutatedWav_ResultOrTypedError() =>
        Mutated(File.ReadAllBytes(TestFixtures.PathOf("audio/jfk.wav"))[..48_000]).SampleAsync(DecodeAudio, iter: 100, seed: Seed);

    [FixtureFact("audio/jfk.mp3")]
    public Task Audio_MutatedMp3_ResultOrTypedError() =>
        Mutated(File.ReadAllBytes(TestFixtures.PathOf("audio/jfk.mp3"))[..16_000]).SampleAsync(DecodeAudio, iter: 100, seed: Seed);

    [Fact]
    public void Image_RandomBytes_ResultOrTypedError() => Bytes.Sample(DecodeImage, iter: 500, seed: Seed);

    [FixtureFact("images/pineapple.jpg")]
    public void Image_MutatedJpeg_ResultOrTypedError() =>
        Mutated(File.ReadAllBytes(TestFixtures.PathOf("images/pineapple.jpg"))).Sample(DecodeImage, iter: 100, seed: Seed);
}
