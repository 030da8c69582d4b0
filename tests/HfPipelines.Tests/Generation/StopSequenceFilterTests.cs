using HfPipelines.Generation;

namespace HfPipelines.Tests.Generation;

public class StopSequenceFilterTests
{
    [Fact]
    public void Push_StopSplitAcrossPieces_CutsBeforeIt()
    {
        var filter = new StopSequenceFilter(["STOP"]);
        var emitted = string.Concat(new[] { "Hello S", "TO", "P world" }.Select(filter.Push)) + filter.Flush();
        Assert.Equal("Hello ", emitted);
        Assert.True(filter.Stopped);
    }

    [Fact]
    public void Push_PrefixThatIsNotAStop_IsReleased()
    {
        var filter = new StopSequenceFilter(["STOP"]);
        Assert.Equal("Hello ", filter.Push("Hello ST"));
        Assert.Equal("STand", filter.Push("and"));
        Assert.Equal(string.Empty, filter.Flush());
        Assert.False(filter.Stopped);
    }

    [Fact]
    public void Push_NoStops_PassesThrough()
    {
        var filter = new StopSequenceFilter(null);
        Assert.Equal("abc", filter.Push("abc"));
    }

    [Fact]
    public void Flush_HeldBackTail_IsReturned()
    {
        var filter = new StopSequenceFilter(["</s>"]);
        Assert.Equal("end", filter.Push("end</"));
        Assert.Equal("</", filter.Flush());
    }
}
