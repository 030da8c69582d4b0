using HfPipelines.Testing;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// llama.cpp's loader lines stay off stderr (they go to the logger at Debug; <c>--verbose</c> shows them), so an error
/// is the one line the CLI promises. Run as a child process: native lines go to file descriptor 2, which an
/// in-process run does not capture.
/// </summary>
public sealed class NativeLogProcessTests : IDisposable
{
    private const string Stories = "gguf/stories260K/stories260K.gguf";
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-native-log-").FullName;

    [FixtureFact(Stories)]
    public async Task TextGeneration_Gguf_StderrHasNoNativeLines()
    {
        var (code, stdout, stderr) = await RunAsync("text-generation", "--model", TestFixtures.PathOf(Stories), "Once upon a time", "--max-new-tokens", "4", "--threads", "1");

        Assert.True(code == 0, stderr);
        Assert.StartsWith("Once upon a time", stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [FixtureFact(Stories)]
    public async Task TextGeneration_Verbose_ShowsNativeLinesOnStderr()
    {
        var (code, _, stderr) = await RunAsync("text-generation", "--model", TestFixtures.PathOf(Stories), "Once", "--max-new-tokens", "2", "--threads", "1", "--verbose");

        Assert.True(code == 0, stderr);
        Assert.Contains("hfp: debug: llama.cpp: llama_model_loader: loaded meta data", stderr);
    }

    [FixtureFact(Stories)]
    public async Task TextGeneration_TruncatedGguf_OneLineOnStderr()
    {
        var bytes = await File.ReadAllBytesAsync(TestFixtures.PathOf(Stories));
        var path = Path.Combine(_dir, "truncated.gguf");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        var (code, _, stderr) = await RunAsync("text-generation", "--model", path, "Once", "--max-new-tokens", "2", "--threads", "1");

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hfp: llama.cpp could not load", line);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["HF_HOME"] = Path.Combine(_dir, "home"), ["HF_HUB_OFFLINE"] = "1" };
        using var process = HfpProcess.Start(HfpProcess.Dotnet, [HfpProcess.HfpDll, .. args], environment);
        return await HfpProcess.WaitAsync(process, TimeSpan.FromSeconds(120));
    }
}
