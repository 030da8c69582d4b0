using System.Diagnostics;
using HfPipelines.Testing.FakeHub;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// <c>hfp models pull</c> into a cache on a real 4 MiB tmpfs (mounted in a private user and mount namespace, so no
/// privilege is needed and nothing outside changes): the 8 MiB file fills the disk, the command fails with the disk-full
/// message, nothing is promoted; after the tmpfs is grown the same command resumes the partial file and verifies it.
/// </summary>
public sealed class ModelsPullDiskFullProcessTests : IAsyncLifetime
{
    private const int Size = 8 * 1024 * 1024;
    private readonly FakeHubServer _hub = new();
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-pull-diskfull", Guid.NewGuid().ToString("N"));

    private const string Script = """
        set -u
        mount -t tmpfs -o size=4m tmpfs "$HF_HUB_CACHE" || exit 90
        "$DOTNET" "$HFP" models pull org/big --json >"$LOGS/first.out" 2>"$LOGS/first.err"; echo "first-exit $?"
        find "$HF_HUB_CACHE" -type f -printf 'after-first %P %s\n'
        mount -o remount,size=64m "$HF_HUB_CACHE" || exit 91
        "$DOTNET" "$HFP" models pull org/big --json >"$LOGS/second.out" 2>"$LOGS/second.err"; echo "second-exit $?"
        find "$HF_HUB_CACHE" -type f -printf 'after-second %P %s\n'
        echo "sha256 $(sha256sum "$HF_HUB_CACHE/models--org--big/snapshots/$COMMIT/model.gguf" | cut -d' ' -f1)"
        """;

    [TmpfsFact]
    public async Task Pull_CacheDiskFills_DiskFullErrorThenResumesWhenGrown()
    {
        var repo = _hub.AddRepo("org/big");
        var bytes = new byte[Size];
        new Random(7).NextBytes(bytes);
        var weights = repo.AddFile("model.gguf", bytes, lfs: true);
        repo.AddText("config.json", """{"model_type":"llama"}""");
        var cache = Path.Combine(_home, "hub");
        var logs = Path.Combine(_home, "logs");
        Directory.CreateDirectory(cache);
        Directory.CreateDirectory(logs);
        var environment = new Dictionary<string, string?>
        {
            ["HF_ENDPOINT"] = _hub.Endpoint.ToString(), ["HF_HOME"] = _home, ["HF_HUB_CACHE"] = cache, ["LOGS"] = logs,
            ["DOTNET"] = HfpProcess.Dotnet, ["HFP"] = HfpProcess.HfpDll, ["COMMIT"] = repo.Commit,
        };

        var run = await HfpProcess.WaitAsync(
            HfpProcess.Start("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", Script], environment), TimeSpan.FromSeconds(120));

        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Out} {run.Error}");
        Assert.Contains("first-exit 1", lines);
        var firstError = await File.ReadAllTextAsync(Path.Combine(logs, "first.err"));
        Assert.Contains($"The disk holding the model cache '{cache}' is full: writing 'model.gguf' of 'org/big' (8,388,608 bytes)", firstError, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith($"after-first models--org--big/blobs/{weights.Etag} ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("after-first models--org--big/snapshots/", StringComparison.Ordinal) && l.Contains("model.gguf", StringComparison.Ordinal));
        var partial = lines.Single(l => l.StartsWith($"after-first models--org--big/blobs/{weights.Etag}.incomplete ", StringComparison.Ordinal));
        var kept = long.Parse(partial.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(kept, 1, Size - 1);

        Assert.Contains("second-exit 0", lines);
        Assert.Contains(_hub.Requests, r => r.Range == $"bytes={kept}-");
        Assert.Contains($"sha256 {weights.Etag}", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("after-second", StringComparison.Ordinal) && l.Contains(".incomplete", StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    /// <summary>Runs only where a user and mount namespace with a tmpfs can be made (Linux with unshare); skipped with the reason elsewhere.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    private sealed class TmpfsFactAttribute : FactAttribute
    {
        private static readonly Lazy<string?> s_problem = new(Probe);

        public TmpfsFactAttribute()
        {
            Skip = s_problem.Value;
        }

        private static string? Probe()
        {
            if (!OperatingSystem.IsLinux())
            {
                return "Needs Linux (unshare and tmpfs) to fill a real disk.";
            }

            var mountPoint = Directory.CreateTempSubdirectory("hfp-tmpfs-probe").FullName;
            try
            {
                using var probe = Process.Start(new ProcessStartInfo("unshare", ["--user", "--map-root-user", "--mount", "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                })!;
                probe.WaitForExit(10_000);
                return probe.HasExited && probe.ExitCode == 0 ? null : $"Cannot mount a tmpfs in a user namespace here (unshare exit {(probe.HasExited ? probe.ExitCode : -1)}): {probe.StandardError.ReadToEnd().Trim()}";
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return $"unshare is not available: {ex.Message}";
            }
            finally
            {
                Directory.Delete(mountPoint);
            }
        }
    }
}
