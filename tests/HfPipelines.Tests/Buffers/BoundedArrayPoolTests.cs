using HfPipelines.Buffers;

namespace HfPipelines.Tests.Buffers;

public sealed class BoundedArrayPoolTests
{
    [Fact]
    public void Rent_GivesTheSmallestKeptArrayThatFits()
    {
        var pool = new BoundedArrayPool<byte>(4, 1 << 20);
        byte[] small = new byte[10], middle = new byte[100], large = new byte[1000];
        pool.Return(large);
        pool.Return(small);
        pool.Return(middle);

        Assert.Same(middle, pool.Rent(50));
        Assert.Same(large, pool.Rent(50));
        Assert.Equal(1, pool.Count);
        var fresh = pool.Rent(50);
        Assert.Equal(50, fresh.Length);
        Assert.Same(small, pool.Rent(10));
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void Return_BeyondCapacity_KeepsTheLargestArrays()
    {
        var pool = new BoundedArrayPool<int>(2, 1 << 20);
        int[] a = new int[5], b = new int[50], c = new int[20], d = new int[1];
        pool.Return(a);
        pool.Return(b);
        pool.Return(c);
        pool.Return(d);

        Assert.Equal(2, pool.Count);
        Assert.Same(c, pool.Rent(1));
        Assert.Same(b, pool.Rent(1));
    }

    [Fact]
    public void Return_ArrayOverTheLimit_NotKept()
    {
        var pool = new BoundedArrayPool<byte>(2, 100);

        pool.Return(new byte[101]);
        pool.Return(new byte[100], clearArray: true);

        Assert.Equal(1, pool.Count);
        Assert.Equal(100, pool.Rent(1).Length);
    }

    [Fact]
    public void Return_Cleared_ZeroesTheArray()
    {
        var pool = new BoundedArrayPool<byte>(1, 100);
        var array = new byte[] { 1, 2, 3 };

        pool.Return(array, clearArray: true);

        Assert.Equal([0, 0, 0], pool.Rent(3));
    }

    [Fact]
    public async Task ConcurrentRentAndReturn_NeverHandsOneArrayToTwoCallers()
    {
        var pool = new BoundedArrayPool<int>(2, 1 << 20);
        var owners = new System.Collections.Concurrent.ConcurrentDictionary<int[], int>(ReferenceEqualityComparer.Instance);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var array = pool.Rent(16 + (i % 7));
                Assert.True(owners.TryAdd(array, worker), "an array was handed out twice");
                Assert.True(owners.TryRemove(array, out _));
                pool.Return(array);
            }
        })));

        Assert.InRange(pool.Count, 1, 2);
    }
}
