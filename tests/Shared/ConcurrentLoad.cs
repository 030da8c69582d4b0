namespace HfPipelines.Testing;

/// <summary>The load rounds of the memory tests, shared by every backend: concurrent callers on one pipeline.</summary>
internal static class ConcurrentLoad
{
    /// <summary>
    /// Runs <paramref name="rounds"/> rounds in which <paramref name="callers"/> concurrent callers each make
    /// <paramref name="requestsPerCaller"/> requests over the inputs (each caller starting at another input), and after
    /// each round checks every result (<paramref name="check"/> gets the input index and the result; the results are then
    /// dropped, so they do not count in the memory figures) and takes a settled memory snapshot.
    /// </summary>
    /// <returns>The snapshot after each round.</returns>
    public static async Task<List<MemorySampler.Snapshot>> RunAsync<TResult>(
        int inputs, int callers, int requestsPerCaller, Func<int, Task<TResult>> run, Action<int, TResult> check, int rounds = 3)
    {
        var snapshots = new List<MemorySampler.Snapshot>();
        for (var round = 0; round < rounds; round++)
        {
            var current = round;
            var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
            {
                var mine = new List<(int, TResult)>();
                for (var r = 0; r < requestsPerCaller; r++)
                {
                    var input = ((caller * requestsPerCaller) + r + current) % inputs;
                    mine.Add((input, await run(input).ConfigureAwait(false)));
                }

                return mine;
            })));

            foreach (var (input, result) in results.SelectMany(r => r))
            {
                check(input, result);
            }

            snapshots.Add(MemorySampler.Snapshot.Settled());
        }

        return snapshots;
    }
}
