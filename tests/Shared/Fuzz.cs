using CsCheck;

namespace HfPipelines.Testing;

/// <summary>
/// Property and fuzz checks that are the same on every run: case <c>i</c> is drawn from CsCheck's PCG with stream
/// <c>i</c> and one fixed seed, so CI sees the same inputs each time and a failure names the case that reproduces it.
/// (CsCheck's own <c>seed</c> argument only fixes the first iteration; the rest are random.) With
/// <c>HFP_FUZZ_RANDOM=1</c> the checks hand over to CsCheck's random, parallel, shrinking sampler to explore; keep an
/// input it finds as a pinned test.
/// </summary>
internal static class Fuzz
{
    private const ulong FixedSeed = 0x48_46_50_46_55_5A_5Aul;

    /// <summary>True when HFP_FUZZ_RANDOM=1: explore with random seeds instead of the fixed cases.</summary>
    public static bool Explore => Environment.GetEnvironmentVariable("HFP_FUZZ_RANDOM") == "1";

    /// <summary>Runs <paramref name="assert"/> on <paramref name="iter"/> generated cases.</summary>
    public static void Check<T>(this Gen<T> gen, Action<T> assert, long iter, int threads = -1)
    {
        if (Explore)
        {
            gen.Sample(assert, iter: iter, threads: threads);
            return;
        }

        for (var i = 0; i < iter; i++)
        {
            var value = Case(gen, i);
            try
            {
                assert(value);
            }
            catch (Exception ex)
            {
                throw Failure(i, value, ex);
            }
        }
    }

    /// <summary>Runs <paramref name="assert"/> on <paramref name="iter"/> generated cases, one after another.</summary>
    public static async Task CheckAsync<T>(this Gen<T> gen, Func<T, Task> assert, long iter, int threads = -1)
    {
        if (Explore)
        {
            await gen.SampleAsync(assert, iter: iter, threads: threads);
            return;
        }

        for (var i = 0; i < iter; i++)
        {
            var value = Case(gen, i);
            try
            {
                await assert(value);
            }
            catch (Exception ex)
            {
                throw Failure(i, value, ex);
            }
        }
    }

    /// <summary>The three-value form of <see cref="CheckAsync{T}(Gen{T}, Func{T, Task}, long, int)"/>.</summary>
    public static Task CheckAsync<T1, T2, T3>(this Gen<(T1, T2, T3)> gen, Func<T1, T2, T3, Task> assert, long iter, int threads = -1) =>
        gen.CheckAsync(t => assert(t.Item1, t.Item2, t.Item3), iter, threads);

    /// <summary>The three-value form of <see cref="Check{T}(Gen{T}, Action{T}, long, int)"/>.</summary>
    public static void Check<T1, T2, T3>(this Gen<(T1, T2, T3)> gen, Action<T1, T2, T3> assert, long iter, int threads = -1) =>
        gen.Check(t => assert(t.Item1, t.Item2, t.Item3), iter, threads);

    private static T Case<T>(Gen<T> gen, int i) => gen.Generate(new PCG((uint)i, FixedSeed), null, out _);

    private static Xunit.Sdk.XunitException Failure<T>(int i, T value, Exception ex)
    {
        var shown = value switch
        {
            byte[] bytes => $"{bytes.Length} bytes [{string.Join(", ", bytes.Take(24))}{(bytes.Length > 24 ? ", ..." : string.Empty)}]",
            _ => value?.ToString() ?? "null",
        };
        if (shown.Length > 300)
        {
            shown = shown[..300] + "...";
        }

        return new Xunit.Sdk.XunitException($"Fuzz case {i} (PCG stream {i}, seed {FixedSeed}) failed on {shown}: {ex.GetType().Name}: {ex.Message}", ex);
    }
}
