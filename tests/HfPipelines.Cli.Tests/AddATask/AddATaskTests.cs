using System.Net;
using System.Text;
using System.Text.Json;
using HfPipelines.Cli.Serve;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using HfPipelines.SemanticKernel;
using HfPipelines.SemanticKernel.Workflows;
using Microsoft.SemanticKernel;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Tests.AddATask;

/// <summary>
/// "Add a task = add a folder": <see cref="TextReversalTask"/>, defined in this folder alone, appears in the provider,
/// the CLI (a generic command, <c>tasks</c>, <c>bench</c>), <c>hfp serve</c>, MCP tools, Semantic Kernel, workflows and
/// the remote backend, once it is in the catalog those surfaces are given.
/// </summary>
public sealed class AddATaskTests : IDisposable
{
    private static readonly PipelineTaskCatalog Catalog = PipelineTaskCatalog.Default.With(new TextReversalTask());
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hfp-reverser-" + Guid.NewGuid().ToString("N"));
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-reverser-home-" + Guid.NewGuid().ToString("N"));

    public AddATaskTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, TextReversalTask.MarkerFile), "{}");
    }

    [Fact]
    public async Task Provider_CatalogWithTheTask_LoadsItsLocalPipelineTyped()
    {
        using var provider = CreateProvider();

        var pipeline = await provider.GetAsync(new TextReversalTask(), _folder);

        Assert.Equal("cba", (await pipeline.RunAsync("abc")).ReversedText);
    }

    [Fact]
    public async Task Cli_GenericCommandTasksAndBench_RunTheTask()
    {
        var (code, stdout, stderr) = await RunCliAsync("text-reversal", "abc", "--model", _folder, "--upper", "true");
        Assert.True(code == 0, stderr);
        Assert.Equal("""{"reversed_text":"CBA"}""", stdout.Trim());

        var (aliasCode, aliasOut, _) = await RunCliAsync("reverse", "xyz", "-m", _folder);
        Assert.Equal(0, aliasCode);
        Assert.Equal("""{"reversed_text":"zyx"}""", aliasOut.Trim());

        var (_, tasks, _) = await RunCliAsync("tasks");
        Assert.Contains("text-reversal (reverse): Reverse a text", tasks, StringComparison.Ordinal);

        var (badCode, _, badError) = await RunCliAsync("text-reversal", "abc", "--model", _folder, "--upper", "maybe");
        Assert.Equal(1, badCode);
        Assert.Contains("'upper' must be true or false", badError, StringComparison.Ordinal);

        var lines = Path.Combine(_folder, "lines.txt");
        await File.WriteAllLinesAsync(lines, ["one", "two", "three"]);
        var (benchCode, bench, benchError) = await RunCliAsync("bench", "text-reversal", "--model", _folder, "--input-file", lines, "--json");
        Assert.True(benchCode == 0, benchError);
        Assert.Contains("text-reversal", bench, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_EntryOfTheTask_AnswersItsRoute()
    {
        using var provider = CreateProvider();
        var options = new ServeOptions { Urls = ["http://127.0.0.1:0"], Models = [new ServedModel("text-reversal", _folder)], Tasks = Catalog };
        await using var host = await ServeHost.StartAsync(options, provider, null, null);
        using var client = new HttpClient { BaseAddress = host.Addresses[0] };

        using var response = await client.PostAsync(
            new Uri("/models/" + Path.GetFileName(_folder), UriKind.Relative),
            new StringContent("""{"inputs":"abc","parameters":{"upper":true}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"reversed_text":"CBA"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SemanticKernelAndMcpTools_CatalogWithTheTask_OfferAFunctionThatRunsIt()
    {
        using var provider = CreateProvider();
        var options = new HfPipelinesOptions { TaskCatalog = Catalog };
        options.Models["text-reversal"] = _folder;
        var kernel = new Kernel();
        kernel.Plugins.AddRange(HfPipelinesPlugins.Create(provider, options));

        var result = await kernel.InvokeAsync("Text", "reverse_text", new KernelArguments { ["text"] = "abc", ["upper"] = "true" });

        Assert.Equal("CBA", result.GetValue<TextReversalResult>()!.ReversedText);
        var tool = Assert.Single(HfPipelinesAIFunctions.Create(provider, options), f => f.Name == "Text_reverse_text");
        Assert.Equal(["text"], tool.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("""{"reversed_text":"fed"}""", (await tool.InvokeAsync(new() { ["text"] = "def" }))?.ToString());
    }

    [Fact]
    public async Task Workflow_StepOfTheTask_RunsWithItsStepModel()
    {
        using var provider = CreateProvider();
        var yaml = $"""
            steps:
              - id: flip
                task: text-reversal
                model: ./{Path.GetFileName(_folder)}
                with:
                  text: hello
                  upper: true
            """;
        var runner = new WorkflowRunner(provider, new WorkflowRunnerOptions { Pipelines = new HfPipelinesOptions { TaskCatalog = Catalog } });

        var result = await runner.RunAsync(WorkflowDefinition.Parse(yaml, Path.GetDirectoryName(_folder)), new Dictionary<string, string>());

        Assert.Equal("OLLEH", result.Outputs["flip"]!["reversed_text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Remote_CatalogWithTheTask_SendsItsRequestAndReadsItsAnswer()
    {
        using var handler = new RecordingHandler("""{"reversed_text":"CBA"}""");
        using var remote = new RemotePipelines(RemoteInferenceOptions.ForEndpoint(new Uri("http://127.0.0.1:9/"), RemoteEndpointKind.InferenceEndpoint), handler: handler) { Tasks = Catalog };

        using var pipeline = remote.Create<string, TextReversalOptions, TextReversalResult>("text-reversal");
        var result = await pipeline.RunAsync("abc", new TextReversalOptions { Upper = true });

        Assert.Equal("CBA", result.ReversedText);
        Assert.Equal("""{"inputs":"abc","parameters":{"upper":true}}""", handler.Body);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _folder, _home })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private PipelineProvider CreateProvider() =>
        Pipeline.CreateProvider(
            HubOptions.FromVariables(name => name switch { "HF_HOME" => _home, "HF_HUB_OFFLINE" => "1", _ => null }),
            _ => [],
            options: new PipelineProviderOptions { Tasks = Catalog });

    private async Task<(int Code, string Out, string Error)> RunCliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr) { Tasks = Catalog, PipelineProviderFactory = CreateProvider };
        var code = await CliApp.RunAsync(args, context);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private sealed class RecordingHandler(string answer) : HttpMessageHandler
    {
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }
}
