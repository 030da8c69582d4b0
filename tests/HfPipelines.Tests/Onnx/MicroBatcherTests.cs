using HfPipelines.Onnx;
using Microsoft.Extensions.Time.Testing;

namespace HfPipelines.Tests.Onnx;

public sealed class MicroBatcherTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<int[]> _batches = [];
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MicroBatcher<int, int> Create(int maxBatch = 8, bool blockFirst = false) => new(
        async items =>
        {
            bool first;
            lock (_batches)
            {
                first = _batches.Count == 0;
                _batches.Add([.. items]);
            }

            if (blockFirst && first)
            {
                await _gate.Task;
            }

            return items.Select(i => i * 10).ToArray();
        },
        maxBatch,
        TimeSpan.FromMilliseconds(5),
        _time);

    [Fact]
    public async Task RunAsync_ModelIdle_RunsAtOnceWithoutWaiting()
    {
        using var batcher = Create();

        var result = await batcher.RunAsync([1, 2]);

        Assert.Equal([10, 20], result);
        Assert.Equal([[1, 2]], _batches);
    }

    [Fact]
    public async Task RunAsync_CallsArrivingDuringARun_RunTogetherWhenItEnds()
    {
        using var batcher = Create(blockFirst: true);
        var first = batcher.RunAsync([1]);
        var second = batcher.RunAsync([2]);
        var third = batcher.RunAsync([3]);
        Assert.Single(_batches);

        _gate.SetResult();
        var results = await Task.WhenAll(first, second, third);

        Assert.Equal([[10], [20], [30]], results);
        Assert.Equal([[1], [2, 3]], _batches);
    }

    [Fact]
    public async Task RunAsync_WaitElapsesDuringARun_RunsTheWaitingCallsAlongside()
    {
        using var batcher = Create(blockFirst: true);
        var first = batcher.RunAsync([1]);
        var second = batcher.RunAsync([2]);
        var third = batcher.RunAsync([3]);

        _time.Advance(TimeSpan.FromMilliseconds(5));
        var waited = await Task.WhenAll(second, third);

        Assert.False(first.IsCompleted);
        Assert.Equal([[20], [30]], waited);
        _gate.SetResult();
        Assert.Equal([10], await first);
        Assert.Equal([[1], [2, 3]], _batches);
    }

    [Fact]
    public async Task RunAsync_BatchFills_RunsWithoutWaiting()
    {
        using var batcher = Create(maxBatch: 2, blockFirst: true);
        var first = batcher.RunAsync([1]);
        var second = batcher.RunAsync([2]);
        var third = batcher.RunAsync([3]);

        var full = await Task.WhenAll(second, third);

        Assert.Equal([[20], [30]], full);
        _gate.SetResult();
        await first;
    }

    [Fact]
    public async Task RunAsync_RunFails_EveryCallerOfTheBatchGetsTheError()
    {
        using var batcher = new MicroBatcher<int, int>(_ => throw new InvalidOperationException("boom"), 8, TimeSpan.FromMilliseconds(5), _time);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.RunAsync([1]));

        Assert.Equal("boom", error.Message);
    }
}
