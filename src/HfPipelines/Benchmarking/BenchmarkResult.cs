using System.Text.Json.Serialization;

namespace HfPipelines.Benchmarking;

/// <summary>What one <see cref="BenchmarkRunner"/> measurement found.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Items">Items processed in one timed pass.</param>
/// <param name="Calls">Calls made in one timed pass.</param>
/// <param name="Seconds">Wall-clock seconds of the median pass.</param>
/// <param name="ItemsPerSecond">Items per second of the median pass.</param>
/// <param name="P50Milliseconds">Median latency of one call, over every timed pass, in milliseconds.</param>
/// <param name="P95Milliseconds">95th percentile latency of one call, in milliseconds.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory so far (0 where the platform does not say).</param>
/// <param name="ManagedHeapBytes">Managed bytes in use after the timed passes (<see cref="GC.GetTotalMemory(bool)"/>, no forced collection).</param>
/// <param name="AllocatedBytesPerItem">Managed bytes allocated per item during the timed passes.</param>
public sealed record BenchmarkResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("calls")] int Calls,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("items_per_second")] double ItemsPerSecond,
    [property: JsonPropertyName("p50_ms")] double P50Milliseconds,
    [property: JsonPropertyName("p95_ms")] double P95Milliseconds,
    [property: JsonPropertyName("peak_working_set_bytes")] long PeakWorkingSetBytes,
    [property: JsonPropertyName("managed_heap_bytes")] long ManagedHeapBytes,
    [property: JsonPropertyName("allocated_bytes_per_item")] long AllocatedBytesPerItem)
{
    /// <summary>Items per second of every timed pass, in order.</summary>
    [JsonPropertyName("passes_items_per_second")]
    public IReadOnlyList<double> PassItemsPerSecond { get; init; } = [];
}
