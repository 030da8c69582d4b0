using HfPipelines.Speech.Whisper;

namespace HfPipelines.Tests.Speech.Whisper;

public class WhisperAlignmentTests
{
    [Fact]
    public void MedianFilter_StepKeepsItsEdge_SpikeIsRemoved()
    {
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], WhisperAlignment.MedianFilter([0, 0, 0, 0, 1, 1, 1, 1], 7));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0], WhisperAlignment.MedianFilter([0, 0, 0, 5, 0, 0, 0], 7));
    }

    [Fact]
    public void MedianFilter_RowNoLongerThanHalfTheWindow_Unchanged()
    {
        Assert.Equal([3, 1, 2], WhisperAlignment.MedianFilter([3, 1, 2], 7));
    }

    [Fact]
    public void MedianFilter_EvenWidth_ModelLoadErrorNamingTheSetting()
    {
        var error = Assert.Throws<ModelLoadException>(() => WhisperAlignment.MedianFilter([1, 2, 3], 6));

        Assert.Contains("median_filter_width", error.Message);
    }

    [Fact]
    public void DynamicTimeWarping_HandComputed_CheapestPath()
    {
        // Row 0 is cheap at column 0, row 1 at columns 1-2: the path goes (0,0) (1,1) (1,2).
        var (text, time) = WhisperAlignment.DynamicTimeWarping([[0, 5, 5], [5, 0, 0]]);

        Assert.Equal([0, 1, 1], text);
        Assert.Equal([0, 1, 2], time);
    }

    [Fact]
    public void TokenTimes_BlockAttention_EachRowStartsWhereItsBlockStarts()
    {
        // Three decoder positions attending frames 0-3, 4-7 and 8-11: token i is timed by row i - 1.
        double[][] head = [Block(0, 4), Block(4, 8), Block(8, 12)];

        var times = WhisperAlignment.TokenTimes([head, head], medianFilterWidth: 7);

        Assert.Equal([0, 0, 0.08, 0.16], times);
    }

    [Fact]
    public void Normalise_FrameAllRowsWeighAlike_GivesZeroNotNaN()
    {
        var normalised = WhisperAlignment.Normalise([[1, 0.5], [1, 1.5]]);

        Assert.Equal([0, -1], normalised[0]);
        Assert.Equal([0, 1], normalised[1]);
    }

    private static double[] Block(int from, int to) => [.. Enumerable.Range(0, 12).Select(f => f >= from && f < to ? 1.0 : 0.0)];
}
