using HfPipelines.Onnx;

namespace HfPipelines.Tests.Onnx;

public sealed class SubBatchPlannerTests
{
    [Fact]
    public void Plan_SimilarLengths_OneBatch()
    {
        Assert.Equal([5], SubBatchPlanner.Plan([10, 10, 11, 12, 12], maxItems: 32));
    }

    [Fact]
    public void Plan_JumpInLength_CutsAtTheJump()
    {
        // One batch: 24 + 8 * 40 = 344 padded-token units; cut at the jump: 24 + 4 * 10 + 24 + 4 * 40 = 248.
        Assert.Equal([4, 4], SubBatchPlanner.Plan([10, 10, 10, 10, 40, 40, 40, 40], maxItems: 32));
    }

    [Fact]
    public void Plan_SmallJump_NotWorthAnotherRun()
    {
        // Cutting would save 4 * 2 padded tokens, less than a run costs.
        Assert.Equal([8], SubBatchPlanner.Plan([20, 20, 20, 20, 22, 22, 22, 22], maxItems: 32));
    }

    [Fact]
    public void Plan_MoreInputsThanMaxItems_NoBatchExceedsIt()
    {
        var plan = SubBatchPlanner.Plan([.. Enumerable.Repeat(10, 10)], maxItems: 4);

        Assert.Equal(10, plan.Sum());
        Assert.Equal(3, plan.Count);
        Assert.All(plan, count => Assert.InRange(count, 1, 4));
    }

    [Fact]
    public void Plan_LongInputs_BatchesStayWithinThePaddedTokenLimit()
    {
        var plan = SubBatchPlanner.Plan([.. Enumerable.Repeat(1000, 9)], maxItems: 32);

        Assert.Equal(9, plan.Sum());
        Assert.All(plan, count => Assert.True(count * 1000 <= SubBatchPlanner.MaxPaddedTokens, $"{count} inputs of 1000 tokens"));
    }

    [Fact]
    public void Plan_InputLongerThanTheLimit_RunsAlone()
    {
        Assert.Equal([1, 1], SubBatchPlanner.Plan([5000, 6000], maxItems: 32));
    }

    [Fact]
    public void Plan_NoInputs_NoBatches()
    {
        Assert.Empty(SubBatchPlanner.Plan([], maxItems: 8));
    }
}
