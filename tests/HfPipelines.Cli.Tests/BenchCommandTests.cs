using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Tests;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-bench-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Bench_FeatureExtractionFiveLines_PrintsJsonWithFiveItems()
    {
        var file = Write("one", "two", "three", "four", "five");

        var (code, output, error, provider) = await RunAsync("bench", "feature-extraction", "--model", "fake/minilm", "--input-file", file, "--json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("feature-extraction", root.GetProperty("task").GetString());
        Assert.Equal("fake/minilm", root.GetProperty("model").GetString());
        Assert.Equal(5, root.GetProperty("items").GetInt32());
        Assert.Equal(5, root.GetProperty("calls").GetInt32());
        Assert.Equal(1, root.GetProperty("batch_size").GetInt32());
        Assert.True(root.GetProperty("items_per_second").GetDouble() > 0);
        Assert.True(root.GetProperty("p95_ms").GetDouble() >= root.GetProperty("p50_ms").GetDouble());
        Assert.True(root.GetProperty("peak_memory_bytes").GetInt64() > 0);
        Assert.Equal(6, provider.Embeddings.Calls); // one warm-up call, then five timed
        Assert.Equal(1, provider.Disposed);
    }

    [Fact]
    public async Task Bench_BatchSizeTwoNoWarmup_PrintsThreeCallsAsText()
    {
        var file = Write("a", "b", "", "c", "d", "e");

        var (code, output, _, provider) = await RunAsync("bench", "embeddings", "--input-file", file, "--batch-size", "2", "--warmup", "0");

        Assert.Equal(0, code);
        Assert.Contains("feature-extraction (sentence-transformers/all-MiniLM-L6-v2): batch size 2, concurrency 1, warm-up 0 call(s)", output, StringComparison.Ordinal);
        Assert.Contains("items 5  calls 3  seconds ", output, StringComparison.Ordinal);
        Assert.Contains("peak memory ", output, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "c", "d", "e"], provider.Embeddings.Inputs);
    }

    [Fact]
    public async Task Bench_ConcurrencyFour_RunsEveryLineOnce()
    {
        var lines = Enumerable.Range(0, 20).Select(i => $"text {i}").ToArray();
        var file = Write(lines);

        var (code, output, _, provider) = await RunAsync("bench", "feature-extraction", "--input-file", file, "--concurrency", "4", "--warmup", "0", "--json");

        Assert.Equal(0, code);
        Assert.Equal(20, JsonDocument.Parse(output).RootElement.GetProperty("items").GetInt32());
        Assert.Equal(lines.Order(), provider.Embeddings.Inputs.Order());
    }

    [Fact]
    public async Task Bench_ImageClassification_PassesEachLineAsAnImagePath()
    {
        var file = Write("/images/cat.png", "/images/dog.jpg");

        var (code, _, _, provider) = await RunAsync("bench", "image-classification", "--input-file", file, "--warmup", "0");

        Assert.Equal(0, code);
        Assert.Equal(["/images/cat.png", "/images/dog.jpg"], provider.Images.Inputs.Select(i => i.Path));
    }

    [Fact]
    public async Task Bench_QuestionAnswering_SplitsQuestionAndContextOnTab()
    {
        var file = Write("Who wrote it?\tIt was written by Ada.");

        var (code, _, _, provider) = await RunAsync("bench", "question-answering", "--input-file", file, "--warmup", "0");

        Assert.Equal(0, code);
        Assert.Equal(new QuestionAnsweringInput("Who wrote it?", "It was written by Ada."), Assert.Single(provider.Answers.Inputs));
    }

    [Theory]
    [InlineData("missing.txt", "does not exist")]
    [InlineData("empty.txt", "no non-empty lines")]
    public async Task Bench_BadInputFile_ExitsOneWithMessage(string name, string message)
    {
        File.WriteAllText(Path.Combine(_dir, "empty.txt"), "\n  \n");

        var (code, _, error, _) = await RunAsync("bench", "feature-extraction", "--input-file", Path.Combine(_dir, name));

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-task", "Unknown pipeline task")]
    [InlineData("sentence-similarity", "does not support sentence-similarity")]
    public async Task Bench_UnsupportedTask_ExitsOneWithMessage(string task, string message)
    {
        var (code, _, error, _) = await RunAsync("bench", task, "--input-file", Write("x"));

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_ZeroBatchSize_ExitsOneNamingTheOption()
    {
        var (code, _, error, _) = await RunAsync("bench", "feature-extraction", "--input-file", Write("x"), "--batch-size", "0");

        Assert.Equal(1, code);
        Assert.Contains("BatchSize must be 1 or more", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_NoProviderConfigured_ExitsOne()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CliApp.RunAsync(["bench", "feature-extraction", "--input-file", Write("x")], new CliContext(stdout, stderr));

        Assert.Equal(1, code);
        Assert.Contains("No pipeline provider is configured", stderr.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Error, BenchFakeProvider Provider)> RunAsync(params string[] args)
    {
        var provider = new BenchFakeProvider();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliContext(stdout, stderr) { PipelineProviderFactory = () => provider });
        return (code, stdout.ToString(), stderr.ToString(), provider);
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllLines(path, lines);
        return path;
    }
}
