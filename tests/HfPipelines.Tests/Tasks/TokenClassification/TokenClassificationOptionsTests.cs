using HfPipelines.Tasks;

namespace HfPipelines.Tests.Tasks.TokenClassification;

public sealed class TokenClassificationOptionsTests
{
    [Theory]
    [InlineData(null, null, AggregationStrategy.Max)]
    [InlineData(true, true, AggregationStrategy.First)]
    [InlineData(true, false, AggregationStrategy.Simple)]
    [InlineData(true, null, AggregationStrategy.Simple)]
    [InlineData(null, true, AggregationStrategy.None)]
    [InlineData(false, true, AggregationStrategy.None)]
    public void EffectiveAggregationStrategy_LegacyFlags_MappedAsTransformers(bool? grouped, bool? ignoreSubwords, AggregationStrategy expected)
    {
        var options = new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Max, GroupedEntities = grouped, IgnoreSubwords = ignoreSubwords };

        Assert.Equal(expected, options.EffectiveAggregationStrategy);
    }
}
