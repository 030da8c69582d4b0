using System.Buffers.Binary;
using HfPipelines.Audio;
using HfPipelines.Tasks;

namespace HfPipelines.Tests.Audio;

/// <summary>
/// The FLAC decoder on streams from the test writer (<see cref="TestFlac"/>): every header code, channel assignment,
/// subframe and residual coding the writer can make, and damaged files. Needs no external tool.
/// </summary>
public sealed class FlacDecoderTests
{
    private static readonly int[] Tone = [.. TestWaves.Sine(440, 16_000, 20_000).Select(v => (int)(v * 30_000))];

    public static TheoryData<string> Variants => [.. WriterVariants.Keys];

    /// <summary>Streams the writer makes: samples and options, by name.</summary>
    internal static Dictionary<string, (int[][] Channels, TestFlac.Options Options)> WriterVariants { get; } = new()
    {
        ["fixed blocks, every size code"] = ([Tone], new() { BlockSizes = [192, 576, 1152, 2304, 4608, 256, 512, 1024, 2048, 8192, 100, 1000] }),
        ["variable blocks"] = ([Tone], new() { Variable = true, BlockSizes = [4096, 17, 1000, 333, 65_535] }),
        ["variable blocks, unknown length and MD5"] = ([Tone], new() { Variable = true, BlockSizes = [1500, 16], Totals = false }),
        ["verbatim"] = ([Tone], new() { Predict = false }),
        ["rice2"] = ([Tone], new() { Rice2 = true }),
        ["escaped partitions"] = ([Tone], new() { Escape = true }),
        ["left/side"] = (Stereo(16), new() { Assignment = 8 }),
        ["side/right"] = (Stereo(16), new() { Assignment = 9 }),
        ["mid/side"] = (Stereo(16), new() { Assignment = 10 }),
        ["mid/side, escaped"] = (Stereo(16), new() { Assignment = 10, Escape = true }),
        ["wasted bits"] = ([[.. Tone.Select(s => s & ~0xFF)]], new()),
        ["wasted bits, side channel"] = (Stereo(16).Select(c => c.Select(s => s << 4).ToArray()).ToArray(), new() { Bits = 20, Assignment = 8 }),
        ["constant and silent blocks"] = ([[.. Enumerable.Repeat(0, 5000), .. Enumerable.Repeat(-7, 5000)]], new() { BlockSizes = [2500] }),
        ["4-bit, size from STREAMINFO"] = ([[.. Tone.Select(s => s >> 12)]], new() { Bits = 4 }),
        ["32-bit extremes, left/side (33-bit side)"] = (Extremes(), new() { Bits = 32, Assignment = 8, Predict = false }),
        ["32-bit extremes, side/right"] = (Extremes(), new() { Bits = 32, Assignment = 9, Predict = false }),
        ["32-bit extremes, mid/side"] = (Extremes(), new() { Bits = 32, Assignment = 10, Predict = false }),
        ["32-bit verbatim, 160 KB frames (the buffer grows)"] = (Stereo(16).Select(c => c.Select(s => s << 16).ToArray()).ToArray(), new() { Bits = 32, Predict = false, BlockSizes = [65_535] }),
        ["8 channels"] = (Enumerable.Range(0, 8).Select(c => Tone.Select(s => s >> c).ToArray()).ToArray(), new()),
        ["rate in kHz (code 12)"] = ([Tone], new() { SampleRate = 12_000 }),
        ["rate in Hz (code 13)"] = ([Tone], new() { SampleRate = 11_025 }),
        ["rate in tens of Hz (code 14)"] = ([Tone], new() { SampleRate = 100_010 }),
        ["rate from STREAMINFO (code 0)"] = ([Tone], new() { SampleRate = 700_001 }),
        ["no other metadata"] = ([Tone], new() { ExtraMetadata = false }),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void ReadPcm_WriterStreams_ExactSamples(string name)
    {
        var (channels, options) = WriterVariants[name];
        var (bytes, _) = TestFlac.Write(channels, options);
        using var decoder = FlacSource.Open(new MemoryStream(bytes), ownsStream: true);

        var decoded = TestFlac.ReadAll(decoder);

        Assert.Equal(options.SampleRate, decoder.SampleRate);
        Assert.Equal(channels.Length, decoder.Channels);
        Assert.Equal(Interleave(channels), decoded);
    }

    [FlacToolTheory]
    [MemberData(nameof(Variants))]
    public void ReferenceDecoder_WriterStreams_PassItsTest(string name)
    {
        var (channels, options) = WriterVariants[name];
        var path = Path.Combine(Path.GetTempPath(), $"hfp-flac-{Guid.NewGuid():N}.flac");
        File.WriteAllBytes(path, TestFlac.Write(channels, options).Bytes);
        try
        {
            // flac -t decodes with libFLAC, checks every CRC and the MD5 of the samples the writer was given.
            FlacTool.Run("-t", "-s", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task DecodeAsync_FileBytesAndForwardOnlyStream_SameSamples()
    {
        var (bytes, _) = TestFlac.Write(Stereo(16), new() { SampleRate = 44_100, Assignment = 10 });
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var fromFile = await AudioDecoder.DecodeAsync(AudioInput.FromFile(path));
            var fromBytes = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(bytes));
            await using var stream = new ForwardOnlyStream(bytes);
            var fromStream = await AudioDecoder.DecodeAsync(stream);

            Assert.Equal((20_000 * 16_000 / 44_100) + 1, fromFile.Samples.Length);
            Assert.Equal(fromFile.Samples, fromBytes.Samples);
            Assert.Equal(fromFile.Samples, fromStream.Samples);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(4000)]
    public async Task DecodeAsync_Id3v2TagBeforeMarker_Skipped(int tagBody)
    {
        var (flac, _) = TestFlac.Write([Tone], new());
        byte[] tag = [.. "ID3"u8, 4, 0, 0, 0, 0, (byte)(tagBody >> 7), (byte)(tagBody & 0x7F), .. new byte[tagBody]];
        byte[] tagged = [.. tag, .. flac];
        var plain = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(flac));

        var fromBytes = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(tagged));
        await using var stream = new ForwardOnlyStream(tagged);
        var fromStream = await AudioDecoder.DecodeAsync(stream);

        Assert.Equal(plain.Samples, fromBytes.Samples);
        Assert.Equal(plain.Samples, fromStream.Samples);
    }

    [Fact]
    public async Task ReadChunksAsync_LongForwardOnlyStream_DecodesInBoundedMemory()
    {
        var minutes = Enumerable.Range(0, 3 * 60 * 16_000).Select(i => (int)(20_000 * Math.Sin(i * 0.01)) ^ (i & 0xFF)).ToArray();
        var (bytes, _) = TestFlac.Write([minutes], new() { Predict = false });
        await using var stream = new ForwardOnlyStream(bytes);
        var total = 0;
        long readAtFirstChunk = -1;

        await foreach (var chunk in AudioDecoder.ReadChunksAsync(stream, 16_000, chunkSamples: 8_000))
        {
            readAtFirstChunk = readAtFirstChunk < 0 ? stream.BytesRead : readAtFirstChunk;
            total += chunk.Length;
        }

        Assert.Equal(minutes.Length, total);
        Assert.True(bytes.Length > 5_000_000, $"file {bytes.Length} bytes");
        Assert.True(readAtFirstChunk < 300_000, $"{readAtFirstChunk} bytes read before the first chunk");
    }

    [Fact]
    public async Task DecodeAsync_TrailingId3v1TagOrBytesAfterLastSample_Ignored()
    {
        var (flac, _) = TestFlac.Write([Tone], new());
        var plain = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(flac));
        byte[] id3v1 = [.. "TAG"u8, .. new byte[125]];

        byte[] withTagBytes = [.. flac, .. id3v1];
        byte[] withJunkBytes = [.. flac, 1, 2, 3];

        var withTag = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(withTagBytes));
        var withJunk = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(withJunkBytes));

        Assert.Equal(plain.Samples, withTag.Samples);
        Assert.Equal(plain.Samples, withJunk.Samples);
    }

    [Fact]
    public async Task DecodeAsync_TruncatedInsideFrame_TypedErrorNamesFrame()
    {
        var (bytes, frames) = TestFlac.Write([Tone], new());

        var error = await Decode(bytes[..(int)(frames[2] + 100)]);

        Assert.Contains($"truncated: the file ends inside the frame at byte {frames[2]}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAsync_TruncatedAtFrameBoundary_TypedErrorCountsSamples()
    {
        var (bytes, frames) = TestFlac.Write([Tone], new());

        var error = await Decode(bytes[..(int)frames[2]]);

        Assert.Contains("STREAMINFO declares 20000 samples per channel but the frames end after 8192", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 0x20, "fails its header CRC-8 check")] // block size code
    [InlineData(5, 0x01, "fails its header CRC-8 check")] // the CRC-8 itself
    [InlineData(300, 0x04, "fails its CRC-16 check")]     // a residual bit
    public async Task DecodeAsync_FlippedBit_CrcErrorNamesFrameOffset(int into, byte mask, string expected)
    {
        var (bytes, frames) = TestFlac.Write([Tone], new());
        bytes[frames[3] + into] ^= mask;

        var error = await Decode(bytes);

        Assert.Contains($"frame at byte {frames[3]} {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAsync_ZeroSampleRate_TypedError()
    {
        var (bytes, _) = TestFlac.Write([Tone], new());
        bytes[18] = 0; // STREAMINFO body starts at 8; the rate is the 20 bits from its byte 10
        bytes[19] = 0;
        bytes[20] &= 0x0F;

        var error = await Decode(bytes);

        Assert.Contains("sample rate of 0 Hz", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43 })]
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43, 0, 0, 0, 34, 1, 2, 3, 4 })]
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43, 0x13, 0x37, 0xC0, 0xDE, 0xBA, 0xAD, 0xF0, 0x0D })]
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43, 0x7F, 0, 0, 0 })]
    public async Task DecodeAsync_GarbageAfterMarker_TypedError(byte[] bytes)
    {
        var error = await Decode(bytes);

        Assert.Contains("FLAC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAsync_GarbageBetweenFrames_LostSyncNamesOffset()
    {
        var (bytes, frames) = TestFlac.Write([Tone], new());
        byte[] damaged = [.. bytes[..(int)frames[1]], 0x12, 0x34, .. bytes[(int)frames[1]..]];

        var error = await Decode(damaged);

        Assert.Contains($"no frame starts at byte {frames[1]} (lost sync) after 4096 samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAsync_WrongMd5_TypedErrorUnlessUnchecked()
    {
        var (bytes, _) = TestFlac.Write([Tone], new());
        bytes[8 + 18] ^= 0xFF;
        using var withoutCheck = FlacSource.Open(new MemoryStream(bytes), ownsStream: true, verifyMd5: false);

        var error = await Decode(bytes);

        Assert.Contains("MD5", error.Message, StringComparison.Ordinal);
        Assert.Equal(Tone, TestFlac.ReadAll(withoutCheck));
    }

    [Fact]
    public async Task DecodeAsync_OggFlac_NamedAsUnsupported()
    {
        // Page header (27 bytes with one segment), then the first packet: 0x7F "FLAC", version 1.0, 1 header, "fLaC".
        byte[] ogg = [.. "OggS"u8, 0, 2, .. new byte[20], 1, 51, 0x7F, .. "FLAC"u8, 1, 0, 0, 1, .. "fLaC"u8];

        var error = await Decode(ogg);

        Assert.Contains("Ogg FLAC, which is not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("WAV", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAsync_MetadataBlockPastTheEnd_TypedError()
    {
        var (bytes, _) = TestFlac.Write([Tone], new());
        byte[] damaged = [.. bytes[..42], 0x01, 0x40, 0x00, 0x00, .. bytes[46..100]]; // PADDING of 4 MiB, file ends

        var error = await Decode(damaged);

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    private static async Task<InvalidPipelineInputException> Decode(byte[] bytes)
    {
        var error = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => AudioDecoder.DecodeAsync(AudioInput.FromBytes(bytes)));
        await using var stream = new ForwardOnlyStream(bytes);
        var fromStream = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => AudioDecoder.DecodeAsync(stream));
        Assert.Equal(error.Message, fromStream.Message);
        return error;
    }

    private static int[][] Stereo(int bits) =>
        [[.. Tone.Select(s => s >> (16 - bits))], [.. TestWaves.Sine(700, 16_000, 20_000).Select(v => (int)(v * 20_000) >> (16 - bits))]];

    private static int[][] Extremes()
    {
        int[] pattern = [int.MaxValue, int.MinValue, 0, -1, 1, int.MinValue, int.MaxValue];
        var left = Enumerable.Range(0, 9000).Select(i => pattern[i % pattern.Length]).ToArray();
        var right = Enumerable.Range(0, 9000).Select(i => pattern[(i * 3 + 1) % pattern.Length]).ToArray();
        return [left, right];
    }

    private static int[] Interleave(int[][] channels) =>
        [.. Enumerable.Range(0, channels[0].Length).SelectMany(i => channels.Select(c => c[i]))];
}
