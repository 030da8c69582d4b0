using HfPipelines.SemanticKernel.Tests.Fakes;
using HfPipelines.SemanticKernel.Workflows;
using HfPipelines.Tasks;

namespace HfPipelines.SemanticKernel.Tests.Workflows;

public sealed class WorkflowExamplesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-wfex-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", "workflows", name);

    [Fact]
    public async Task RunAsync_MeetingReportExample_RunsAllStepsAndWritesReport()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        provider.Add<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification, (t, o) => new(t, ["support", "sales"], [0.7f, 0.3f]));

        var result = await new WorkflowRunner(provider, new WorkflowRunnerOptions { OutputDirectory = _dir })
            .RunAsync(WorkflowDefinition.Load(Example("meeting-report.yaml")), new Dictionary<string, string> { ["audio"] = "meeting.wav" });

        Assert.Equal(["transcribe", "summary", "french", "topic", "email"], result.Outputs.Keys.ToArray());
        Assert.Equal(" and then it rained.", result.Outputs["email"]!["text"]!.GetValue<string>());
        Assert.Equal(["people"], result.Skipped);
        Assert.True(File.Exists(Path.Combine(_dir, "meeting-report.json")));
        var prompt = provider.Get<string, TextGenerationOptions, TextGenerationResult>(PipelineTasks.TextGeneration).Calls.Single().Input;
        Assert.Contains("Topic: support\n\nSummary:\nsummary of: transcript of meeting.wav", prompt.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PhotosExample_GlobWithNoMatch_RunsNoItem()
    {
        var result = await new WorkflowRunner(FakePipelineProvider.WithAllTasks(), new WorkflowRunnerOptions { OutputDirectory = _dir })
            .RunAsync(WorkflowDefinition.Load(Example("photos.yaml")), new Dictionary<string, string> { ["photos"] = Path.Combine(_dir, "*.jpg") });

        Assert.Equal("[]", result.Outputs["labels"]!.ToJsonString());
    }
}
