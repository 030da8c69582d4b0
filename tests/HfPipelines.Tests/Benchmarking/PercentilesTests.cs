using HfPipelines.Benchmarking;

namespace HfPipelines.Tests.Benchmarking;

public sealed class PercentilesTests
{
    [Theory]
    [InlineData(50, 2.5)]
    [InlineData(95, 3.85)]
    [InlineData(0, 1)]
    [InlineData(100, 4)]
    public void Of_FourValues_InterpolatesLikeNumpy(double p, double expected) =>
        Assert.Equal(expected, Percentiles.Of([4, 1, 3, 2], p), 9);

    [Fact]
    public void Of_NoValues_ReturnsZero() => Assert.Equal(0, Percentiles.Of([], 50));
}
