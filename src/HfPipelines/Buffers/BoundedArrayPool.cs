using System.Buffers;

namespace HfPipelines.Buffers;

/// <summary>
/// An array pool that keeps at most <c>capacity</c> arrays in all, for one pipeline's large per-call buffers (encoded
/// files, decoded pixels). <see cref="ArrayPool{T}.Shared"/> keeps arrays per thread and per core, so 32 concurrent
/// callers left tens of megabytes behind them; this pool keeps only what a steady stream of calls reuses, and its arrays go
/// with the pipeline. <see cref="Rent"/> returns the smallest kept array that is long enough, else a new one of the
/// exact length. Thread-safe.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class BoundedArrayPool<T> : ArrayPool<T>
{
    private readonly List<T[]> _kept = [];
    private readonly int _capacity;
    private readonly int _maxArrayLength;

    /// <summary>Creates the pool.</summary>
    /// <param name="capacity">Most arrays kept.</param>
    /// <param name="maxArrayLength">Longer arrays are not kept.</param>
    public BoundedArrayPool(int capacity, int maxArrayLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
        _maxArrayLength = maxArrayLength;
    }

    /// <summary>Arrays kept now.</summary>
    public int Count
    {
        get
        {
            lock (_kept)
            {
                return _kept.Count;
            }
        }
    }

    /// <inheritdoc />
    public override T[] Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        lock (_kept)
        {
            var best = -1;
            for (var i = 0; i < _kept.Count; i++)
            {
                if (_kept[i].Length >= minimumLength && (best < 0 || _kept[i].Length < _kept[best].Length))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                var array = _kept[best];
                _kept.RemoveAt(best);
                return array;
            }
        }

        return GC.AllocateUninitializedArray<T>(minimumLength);
    }

    /// <inheritdoc />
    public override void Return(T[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length > _maxArrayLength || _capacity == 0)
        {
            return;
        }

        if (clearArray)
        {
            Array.Clear(array);
        }

        lock (_kept)
        {
            if (_kept.Count < _capacity)
            {
                _kept.Add(array);
                return;
            }

            // Full: keep the larger of the new array and the smallest kept one (larger arrays serve more requests).
            var smallest = 0;
            for (var i = 1; i < _kept.Count; i++)
            {
                if (_kept[i].Length < _kept[smallest].Length)
                {
                    smallest = i;
                }
            }

            if (array.Length > _kept[smallest].Length)
            {
                _kept[smallest] = array;
            }
        }
    }
}
