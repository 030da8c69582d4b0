using System.Text.Json;
using HfPipelines.Cli.Composition;

namespace HfPipelines.Cli.Tests;

public class TaskCommandsTests
{
    private static async Task<(int Code, string Out, string Error, CliFakeProvider Provider)> RunAsync(params string[] args)
    {
        var provider = new CliFakeProvider();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr) { PipelineProviderFactory = () => provider, In = new StringReader("text from stdin\n") };
        var code = await CliApp.RunAsync(args, context);
        return (code, stdout.ToString(), stderr.ToString(), provider);
    }

    [Fact]
    public async Task Summarization_Json_PrintsPythonShapeAndDisposesProvider()
    {
        var (code, stdout, _, provider) = await RunAsync("summarization", "Long text.", "--json");

        Assert.Equal(0, code);
        Assert.Equal("summary of: Long text.", JsonDocument.Parse(stdout).RootElement.GetProperty("summary_text").GetString());
        Assert.Equal(1, provider.Disposed);
    }

    [Fact]
    public async Task Translation_PairAlias_SetsLanguages()
    {
        var (code, stdout, _, _) = await RunAsync("translation_en_to_de", "Hello", "--json");

        Assert.Equal(0, code);
        Assert.Equal("[de] Hello", JsonDocument.Parse(stdout).RootElement.GetProperty("translation_text").GetString());
    }

    [Fact]
    public async Task Translation_Stdin_ReadsInput()
    {
        var (code, stdout, _, _) = await RunAsync("translation", "-", "--tgt-lang", "fr");

        Assert.Equal(0, code);
        Assert.Equal("[fr] text from stdin", stdout.Trim());
    }

    [Fact]
    public async Task Asr_Alias_ManyFiles_PrintsList()
    {
        var (code, stdout, _, _) = await RunAsync("asr", "a.wav", "b.wav", "--json");

        Assert.Equal(0, code);
        var texts = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("text").GetString()).ToList();
        Assert.Equal(["transcript of a.wav", "transcript of b.wav"], texts);
    }

    [Fact]
    public async Task Asr_ReturnTimestampsAlone_SegmentsAndFileStaysAnArgument()
    {
        var (code, stdout, _, _) = await RunAsync("asr", "--return-timestamps", "a.wav");

        Assert.Equal(0, code);
        Assert.Equal(["transcript of a.wav", "  [0.00 - 1.00] transcript of a.wav"], stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Asr_WordTimestamps_WordChunks()
    {
        var (code, stdout, _, _) = await RunAsync("asr", "--word-timestamps", "a.wav", "--json");

        Assert.Equal(0, code);
        var chunks = JsonDocument.Parse(stdout).RootElement.GetProperty("chunks").EnumerateArray().Select(c => c.GetProperty("text").GetString()).ToList();
        Assert.Equal(["transcript", "of"], chunks);
    }

    [Fact]
    public async Task Asr_ReturnTimestampsWord_ErrorPointsToWordTimestamps()
    {
        var (code, _, stderr, _) = await RunAsync("asr", "a.wav", "--return-timestamps", "word");

        Assert.Equal(1, code);
        Assert.Contains("--word-timestamps", stderr);
    }

    [Fact]
    public async Task Backend_Invalid_OneLineError()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr) { PipelineProviderFactory = () => new CliFakeProvider(), BackendProviderFactory = HfpServices.CreateProvider };

        var code = await CliApp.RunAsync(["summarization", "x", "--backend", "cloud"], context);

        Assert.Equal(1, code);
        Assert.Equal("hfp: --backend must be local, remote or auto, got 'cloud'.", stderr.ToString().Trim());
    }
}
