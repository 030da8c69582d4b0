using System.Text.RegularExpressions;
using HfPipelines.Audio;
using HfPipelines.Tasks;

namespace HfPipelines.Tests.Audio;

/// <summary>
/// Our FLAC decoder against the reference encoder (`flac`): fixture speech encoded at many settings must decode to
/// exactly the samples that went in, and the settings must between them use every coding feature of the format.
/// </summary>
public sealed class FlacToolTests(FlacToolCorpus corpus) : IClassFixture<FlacToolCorpus>
{
    public static TheoryData<string> Cases => FlacToolCorpus.Names;

    [FlacToolTheory("audio/jfk.wav", "audio/librispeech-1272-141231-0002.wav")]
    [MemberData(nameof(Cases))]
    public void ReadPcm_ReferenceEncoding_ExactlyTheEncodedSamples(string name)
    {
        var (source, _, flac) = corpus.Get(name);
        using var stream = File.OpenRead(flac);
        using var decoder = FlacSource.Open(stream, ownsStream: false);

        var decoded = TestFlac.ReadAll(decoder);

        Assert.Equal(source.Channels.Length, decoder.Channels);
        Assert.Equal(source.SampleRate, decoder.SampleRate);
        Assert.Equal(source.Bits, decoder.BitsPerSample);
        Assert.Equal(source.Channels[0].Length * source.Channels.Length, decoded.Length);
        for (var c = 0; c < source.Channels.Length; c++)
        {
            var channel = source.Channels[c];
            var mismatch = Enumerable.Range(0, channel.Length).FirstOrDefault(i => decoded[(i * decoder.Channels) + c] != channel[i], -1);
            Assert.True(mismatch < 0, $"channel {c} differs first at sample {mismatch}");
        }
    }

    [FlacToolTheory("audio/jfk.wav", "audio/librispeech-1272-141231-0002.wav")]
    [InlineData("stereo 16-bit -8")]
    [InlineData("24-bit stereo")]
    [InlineData("8-bit")]
    [InlineData("12-bit")]
    [InlineData("32-bit stereo")]
    public async Task DecodeAsync_FlacAndItsWav_SameMonoSamplesAt16k(string name)
    {
        var (_, wav, flac) = corpus.Get(name);

        var fromWav = await AudioDecoder.DecodeAsync(AudioInput.FromFile(wav));
        var fromFlac = await AudioDecoder.DecodeAsync(AudioInput.FromFile(flac));
        var fromBytes = await AudioDecoder.DecodeAsync(AudioInput.FromBytes(await File.ReadAllBytesAsync(flac)));

        Assert.Equal(fromWav.Samples, fromFlac.Samples);
        Assert.Equal(fromWav.Samples, fromBytes.Samples);
    }

    [FlacToolFact("audio/jfk.wav", "audio/librispeech-1272-141231-0002.wav")]
    public void Corpus_ReferenceEncodings_UseEveryCodingFeature()
    {
        var features = new HashSet<string>();
        var lpcOrders = new HashSet<int>();
        foreach (var name in FlacToolCorpus.Cases.Keys)
        {
            var flac = corpus.Get(name).Flac;
            FlacTool.Run("-a", "-f", "-s", "-o", flac + ".ana", flac);
            var analysis = File.ReadAllText(flac + ".ana");
            features.UnionWith(Regex.Matches(analysis, @"channel_assignment=(\w+)").Select(m => m.Groups[1].Value));
            features.UnionWith(Regex.Matches(analysis, @"\ttype=(\w+)").Select(m => m.Groups[1].Value));
            features.UnionWith(Regex.Matches(analysis, @"residual_type=(\w+)").Select(m => m.Groups[1].Value));
            features.UnionWith(Regex.Matches(analysis, @"type=FIXED\torder=(\d)").Select(m => "FIXED" + m.Groups[1].Value));
            features.UnionWith(Regex.Matches(analysis, @"wasted_bits=([1-9]\d*)").Select(_ => "WASTED"));
            lpcOrders.UnionWith(Regex.Matches(analysis, @"type=LPC\torder=(\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        string[] expected = ["INDEPENDENT", "LEFT_SIDE", "RIGHT_SIDE", "MID_SIDE", "CONSTANT", "VERBATIM", "FIXED", "LPC", "RICE", "RICE2", "WASTED", "FIXED0", "FIXED1", "FIXED2", "FIXED3", "FIXED4"];
        Assert.Empty(expected.Except(features));
        Assert.True(lpcOrders.Max() > 16, $"highest LPC order {lpcOrders.Max()}");
    }

    [FlacToolFact("audio/jfk.wav", "audio/librispeech-1272-141231-0002.wav")]
    public void Read_FlippedBitInReferenceFrame_CrcErrorNamesFrameOffset()
    {
        var flac = corpus.Get("16-bit -5 8 kHz").Flac;
        FlacTool.Run("-a", "-f", "-s", "-o", flac + ".ana", flac);
        var offsets = Regex.Matches(File.ReadAllText(flac + ".ana"), @"frame=\d+\toffset=(\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var bytes = File.ReadAllBytes(flac);
        var frame = offsets[offsets.Length / 2];
        bytes[frame + 200] ^= 0x10;
        using var decoder = FlacSource.Open(new MemoryStream(bytes), ownsStream: true);

        var error = Assert.Throws<InvalidPipelineInputException>(() => TestFlac.ReadAll(decoder));

        Assert.Contains($"frame at byte {frame} fails its CRC-16 check", error.Message, StringComparison.Ordinal);
    }
}
