using HfPipelines.LlamaCpp;
using HfPipelines.Testing;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// A fuzz over GGUF header values (<see cref="GgufValueMutations"/> on stories260K.gguf): every case is either refused
/// by the managed header check with a one-line <see cref="ModelLoadException"/>, or run by a child <c>hfp
/// text-generation</c> that generates or exits 1 with one line on stderr. Never an abort (exit 134 from a GGML_ASSERT)
/// or a SIGFPE: the cases llama.cpp would crash on run in child processes, so a regression is a failure naming the
/// value, not a dead test host.
/// </summary>
public sealed class GgufHeaderFuzzProcessTests : IDisposable
{
    private const string Stories = "gguf/stories260K/stories260K.gguf";
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-gguf-fuzz-").FullName;

    [FixtureFact(Stories)]
    public async Task TextGeneration_EveryHeaderValueMutated_GeneratesOrOneLineError()
    {
        var original = await File.ReadAllBytesAsync(TestFixtures.PathOf(Stories));
        var failures = new List<string>();
        var accepted = new List<(string Label, string Path)>();
        var cases = GgufValueMutations.Of(original).ToList();
        foreach (var (label, bytes, index) in cases.Select((c, i) => (c.Label, c.Bytes, i)))
        {
            var path = Path.Combine(_dir, $"case{index}.gguf");
            await File.WriteAllBytesAsync(path, bytes);
            try
            {
                GgufHeaderReader.Read(path);
                accepted.Add((label, path));
            }
            catch (ModelLoadException ex) when (ex.Message.Contains('\n', StringComparison.Ordinal))
            {
                failures.Add($"{label}: a message of several lines: {ex.Message}");
            }
            catch (ModelLoadException)
            {
                // Refused in managed code, before llama.cpp saw the file.
            }
        }

        await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (item, _) =>
        {
            if (await RunAsync(item.Path) is { } failure)
            {
                lock (failures)
                {
                    failures.Add($"{item.Label}: {failure}");
                }
            }
        });

        Assert.True(cases.Count >= 120, $"only {cases.Count} cases");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string?> RunAsync(string path)
    {
        var environment = new Dictionary<string, string?> { ["HF_HOME"] = Path.Combine(_dir, "home"), ["HF_HUB_OFFLINE"] = "1" };
        using var process = HfpProcess.Start(HfpProcess.Dotnet, [HfpProcess.HfpDll, "text-generation", "--model", path, "Once", "--max-new-tokens", "2", "--threads", "1"], environment);
        var (code, _, stderr) = await HfpProcess.WaitAsync(process, TimeSpan.FromSeconds(60));
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (code, lines.Length) switch
        {
            (0, 0) => null,
            (1, 1) when lines[0].StartsWith("hfp: ", StringComparison.Ordinal) => null,
            _ => $"exit {code}, stderr: {string.Join(" | ", lines.Take(3))}",
        };
    }
}
