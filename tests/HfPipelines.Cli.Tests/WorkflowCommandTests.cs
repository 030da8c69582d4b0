using System.Text.Json.Nodes;

namespace HfPipelines.Cli.Tests;

public sealed class WorkflowCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-wfcli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "flow.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private const string Flow = """
        name: meeting
        inputs:
          audio:
        steps:
          - id: transcribe
            task: asr
            with:
              audio: ${{ inputs.audio }}
          - id: summary
            task: summarization
            with:
              text: ${{ steps.transcribe.output.text }}
        """;

    private static async Task<(int Code, string Out, string Error, CliFakeProvider Provider)> RunAsync(params string[] args)
    {
        var provider = new CliFakeProvider();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr) { PipelineProviderFactory = () => provider };
        var code = await CliApp.RunAsync(args, context);
        return (code, stdout.ToString(), stderr.ToString(), provider);
    }

    [Fact]
    public async Task WorkflowRun_Flow_PrintsProgressPerStepAndDisposesProvider()
    {
        var (code, output, error, provider) = await RunAsync("workflow", "run", Write(Flow), "--input", "audio=meeting.wav");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Equal(
            ["[1/2] transcribe started", "[1/2] transcribe completed", "[2/2] summary started", "[2/2] summary completed", "workflow meeting: 2 step(s) ran"],
            output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1, provider.Disposed);
    }

    [Fact]
    public async Task WorkflowRun_Json_PrintsOutputsWithPythonKeys()
    {
        var (code, output, error, _) = await RunAsync("workflow", "run", Write(Flow), "-i", "audio=meeting.wav", "--json");

        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("summary of: transcript of meeting.wav", json["summary"]!["summary_text"]!.GetValue<string>());
        Assert.Contains("[2/2] summary completed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowRun_MissingInput_ExitsOneWithValidationLine()
    {
        var (code, output, error, provider) = await RunAsync("workflow", "run", Write(Flow));

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("hfp: The workflow has 1 problem(s):", error, StringComparison.Ordinal);
        Assert.Contains("line 3: input 'audio' is required: pass it (--input audio=VALUE)", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task WorkflowRun_BadInputSyntax_ExitsOneSayingTheFormat()
    {
        var (code, _, error, _) = await RunAsync("workflow", "run", Write(Flow), "--input", "meeting.wav");

        Assert.Equal(1, code);
        Assert.Equal("hfp: --input 'meeting.wav' is not NAME=VALUE. Write e.g. --input audio=meeting.wav." + Environment.NewLine, error);
    }

    [Fact]
    public async Task WorkflowRun_AliasInFile_ExitsOneWithFormatError()
    {
        var (code, _, error, _) = await RunAsync("workflow", "run", Write("a: &x [1]\nsteps: *x\n"));

        Assert.Equal(1, code);
        Assert.Contains("aliases (*x) are not supported", error, StringComparison.Ordinal);
    }
}
