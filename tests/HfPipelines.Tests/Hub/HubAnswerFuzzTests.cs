using CsCheck;
using HfPipelines.Hub;
using HfPipelines.Testing;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Tests.Hub;

/// <summary>
/// Fuzz over Hub answers (<see cref="HostileHub"/>: file lists, sizes, ETags, redirects, statuses, bodies): a pull
/// either succeeds or throws a <see cref="HubException"/>, and leaves no <c>.tmp</c> file nor a dangling link in the cache.
/// </summary>
public class HubAnswerFuzzTests
{
    [Fact]
    public Task PullAsync_HostileHubAnswers_OnlyTypedErrorsNothingDangling() =>
        Gen.Int[0, int.MaxValue].CheckAsync(PullOnceAsync, iter: 300);

    private static async Task PullOnceAsync(int seed)
    {
        await using var hub = new HubTestContext();
        var hostile = new HostileHub(hub.Server, seed);
        var options = hub.Options();
        options.MaxRetries = 1;
        options.MaxUnknownFileSize = 1 << 20;
        options.MaxApiResponseSize = 256 << 10;
        options.RequestTimeout = TimeSpan.FromSeconds(20);
        using var store = new ModelStore(options, null, hub.Time);
        try
        {
            await store.PullAsync("org/fuzz");
        }
        catch (HubException ex)
        {
            Assert.DoesNotContain('\n', ex.Message);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{hostile.Describe()}: {ex.GetType().Name}: {ex.Message}", ex);
        }

        AssertCacheClean(hub.Cache, hostile);
    }

    private static void AssertCacheClean(string cache, HostileHub hostile)
    {
        if (!Directory.Exists(cache))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(cache, "*", SearchOption.AllDirectories))
        {
            Assert.False(entry.EndsWith(".tmp", StringComparison.Ordinal), $"{hostile.Describe()}: left {entry}");
            if (entry.Contains($"{Path.DirectorySeparatorChar}snapshots{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && new FileInfo(entry).LinkTarget is not null)
            {
                Assert.True(File.Exists(entry), $"{hostile.Describe()}: dangling link {entry}");
            }
        }
    }
}
