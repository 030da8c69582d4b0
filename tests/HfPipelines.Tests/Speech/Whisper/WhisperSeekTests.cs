using HfPipelines.Speech.Whisper;
using static HfPipelines.Tests.Speech.Whisper.FakeWhisperTokenizer;

namespace HfPipelines.Tests.Speech.Whisper;

public class WhisperSeekTests
{
    private const int Frames = WhisperSeek.WindowFrames;
    private static readonly int Begin = WhisperTokens.From(new FakeWhisperTokenizer()).TimestampBegin;

    [Fact]
    public void Retrieve_EndsWithTimestampPair_DropsUnfinishedSegmentAndSeeksToItsStart()
    {
        // <|0.00|> w1 <|1.00|><|1.00|> w2 : the segment after 1.00 s is unfinished.
        var (kept, consumed) = WhisperSeek.Retrieve([Ts(0), 1, Ts(1.0), Ts(1.0), 2], Begin, Frames);

        Assert.Equal(4, kept);
        Assert.Equal(100, consumed);
    }

    [Fact]
    public void Retrieve_SingleTimestampEnding_ConsumesTheWindow()
    {
        var (kept, consumed) = WhisperSeek.Retrieve([Ts(0), 1, Ts(1.0), Ts(1.0), 2, Ts(2.0)], Begin, Frames);

        Assert.Equal(6, kept);
        Assert.Equal(Frames, consumed);
    }

    [Fact]
    public void Retrieve_NoTimestampPair_KeepsAllAndConsumesTheRest()
    {
        var (kept, consumed) = WhisperSeek.Retrieve([Ts(0), 1, 2], Begin, 1200);

        Assert.Equal(3, kept);
        Assert.Equal(1200, consumed);
    }

    [Fact]
    public void Retrieve_PairAtZero_EndsTheWindow()
    {
        // transformers would decode the same input again forever here.
        var (_, consumed) = WhisperSeek.Retrieve([Ts(0), Ts(0), 1], Begin, 1200);

        Assert.Equal(1200, consumed);
    }

    [Fact]
    public void Slice_FromSeek_ZeroPaddedToWholeWindow()
    {
        var features = new float[2 * Frames];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = i + 1;
        }

        var slice = WhisperSeek.Slice(features, 2, 2990, Frames);

        Assert.Equal(2 * Frames, slice.Length);
        Assert.Equal(2991, slice[0]);
        Assert.Equal(Frames, slice[9]);
        Assert.Equal(0, slice[10]);
        Assert.Equal(Frames + 2991, slice[Frames]);
        Assert.Equal(0, slice[Frames + 10]);
    }
}
