using System.Collections.Concurrent;
using HfPipelines.Benchmarking;
using Microsoft.Extensions.Time.Testing;

namespace HfPipelines.Tests.Benchmarking;

public sealed class BenchmarkRunnerTests
{
    [Fact]
    public async Task RunAsync_FakeClockTenMsPerCall_ReportsThroughputAndLatency()
    {
        var clock = new FakeTimeProvider();
        var options = new BenchmarkOptions { BatchSize = 2, WarmupCalls = 0, TimeProvider = clock };

        var result = await BenchmarkRunner.RunAsync("ten-ms", Enumerable.Range(0, 10).ToArray(), (batch, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            return Task.CompletedTask;
        }, options);

        Assert.Equal("ten-ms", result.Name);
        Assert.Equal(10, result.Items);
        Assert.Equal(5, result.Calls);
        Assert.Equal(0.05, result.Seconds, 6);
        Assert.Equal(200, result.ItemsPerSecond, 6);
        Assert.Equal(10, result.P50Milliseconds, 6);
        Assert.Equal(10, result.P95Milliseconds, 6);
        Assert.True(result.ManagedHeapBytes > 0);
    }

    [Fact]
    public async Task RunAsync_WarmupAndRepetitions_CallsWarmupFirstThenEveryBatchPerPass()
    {
        var calls = new List<int>();
        var options = new BenchmarkOptions { WarmupCalls = 2, Repetitions = 3 };

        var result = await BenchmarkRunner.RunAsync("count", new[] { 1, 2, 3, 4 }, (batch, _) =>
        {
            calls.Add(batch[0]);
            return Task.CompletedTask;
        }, options);

        Assert.Equal([1, 2, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4], calls);
        Assert.Equal(3, result.PassItemsPerSecond.Count);
    }

    [Fact]
    public async Task RunAsync_ThreePassesOfDifferentSpeed_ReportsTheMedianPass()
    {
        var clock = new FakeTimeProvider();
        var durations = new Queue<int>([10, 40, 20]);
        var options = new BenchmarkOptions { WarmupCalls = 0, Repetitions = 3, TimeProvider = clock };

        var result = await BenchmarkRunner.RunAsync("median", new[] { "only" }, (_, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(durations.Dequeue()));
            return Task.CompletedTask;
        }, options);

        Assert.Equal(50, result.ItemsPerSecond, 6);
        Assert.Equal(0.02, result.Seconds, 6);
        Assert.Equal([100, 25, 50], result.PassItemsPerSecond.Select(r => Math.Round(r, 6)));
        Assert.Equal(20, result.P50Milliseconds, 6);
        Assert.Equal(38, result.P95Milliseconds, 6);
    }

    [Fact]
    public async Task RunAsync_ThirtyTwoCallers_ProcessesEveryItemOnce()
    {
        var seen = new ConcurrentBag<int>();
        var options = new BenchmarkOptions { Concurrency = 32, WarmupCalls = 0 };

        var result = await BenchmarkRunner.RunAsync("concurrent", Enumerable.Range(0, 100).ToArray(), async (batch, ct) =>
        {
            await Task.Yield();
            seen.Add(batch[0]);
        }, options);

        Assert.Equal(Enumerable.Range(0, 100), seen.Order());
        Assert.Equal(100, result.Calls);
    }

    [Fact]
    public async Task RunAsync_NoItems_ThrowsArgumentException()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => BenchmarkRunner.RunAsync("empty", Array.Empty<string>(), (_, _) => Task.CompletedTask));

        Assert.Contains("at least one item", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CallThrows_PropagatesTheError()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BenchmarkRunner.RunAsync("failing", new[] { 1 }, (_, _) => throw new InvalidOperationException("model failed")));

        Assert.Equal("model failed", error.Message);
    }

    [Theory]
    [InlineData(nameof(BenchmarkOptions.BatchSize), 0)]
    [InlineData(nameof(BenchmarkOptions.Concurrency), 0)]
    [InlineData(nameof(BenchmarkOptions.WarmupCalls), -1)]
    [InlineData(nameof(BenchmarkOptions.Repetitions), 0)]
    public void Options_OutOfRange_Throws(string name, int value)
    {
        var options = new BenchmarkOptions();
        var property = typeof(BenchmarkOptions).GetProperty(name)!;

        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => property.SetValue(options, value));

        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
        Assert.Contains(name, error.InnerException!.Message, StringComparison.Ordinal);
    }
}
