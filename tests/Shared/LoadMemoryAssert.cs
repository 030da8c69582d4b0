namespace HfPipelines.Testing;

/// <summary>The memory bounds of the load tests, shared by every backend (the figures are in docs/reliability.md).</summary>
internal static class LoadMemoryAssert
{
    /// <summary>Managed heap left over after load rounds and a full collection: a cache of a few megabytes at most.</summary>
    public const long ManagedSlack = 8L << 20;

    /// <summary>How much the resident set may still rise after the first round (or the warm-up loads): allocator noise, not a leak.</summary>
    public const long ResidentSlack = 24L << 20;

    /// <summary>After load rounds the managed heap is back near the baseline and the resident set stopped growing after round one.</summary>
    public static void BackToBaseline(MemorySampler.Snapshot baseline, IReadOnlyList<MemorySampler.Snapshot> rounds)
    {
        Within("managed heap after the last round, over the baseline", rounds[^1].Managed - baseline.Managed, ManagedSlack);
        Within("resident set after the last round, over the first round", rounds[^1].Resident - rounds[0].Resident, ResidentSlack);
    }

    /// <summary>Across repeated load-use-dispose cycles, after the warm-up ones, neither the managed heap nor the resident set keeps rising.</summary>
    /// <remarks>The resident figure is the lowest of the last three cycles: a leak raises all of them, a one-off allocator
    /// step or a page-in by another test's leftover work raises one.</remarks>
    public static void Flat(IReadOnlyList<MemorySampler.Snapshot> sizes, int warmUp, long residentSlack = ResidentSlack)
    {
        Within($"managed heap after the last cycle, over cycle {warmUp}", sizes[^1].Managed - sizes[warmUp - 1].Managed, ManagedSlack);
        var lastResident = sizes.Skip(Math.Max(warmUp, sizes.Count - 3)).Min(s => s.Resident);
        Within($"resident set over the last cycles (lowest), over cycle {warmUp}", lastResident - sizes[warmUp - 1].Resident, residentSlack);
    }

    private static void Within(string what, long growth, long bound) =>
        Assert.True(growth <= bound, $"The {what} grew {growth / 1048576.0:F1} MiB; the bound is {bound / 1048576.0:F0} MiB.");
}
