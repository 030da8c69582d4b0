using System.Text.Json.Nodes;
using HfPipelines.SemanticKernel.Tests.Fakes;
using HfPipelines.SemanticKernel.Workflows;
using HfPipelines.Tasks;

namespace HfPipelines.SemanticKernel.Tests.Workflows;

public sealed class WorkflowRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-wf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Meeting = """
        name: meeting-report
        inputs:
          audio:
            description: The recording
          labels: sales, support
        steps:
          - id: transcribe
            task: asr
            with:
              audio: ${{ inputs.audio }}
          - id: summary
            task: summarization
            with:
              text: ${{ steps.transcribe.output.text }}
          - id: french
            task: translation_en_to_fr
            with:
              text: ${{ steps.summary.output.summary_text }}
          - id: topic
            task: zero-shot-classification
            with:
              text: ${{ steps.french.output.translation_text }}
              labels: ${{ inputs.labels }}
            output:
              file: out/report.json
        """;

    private sealed class ListProgress : IProgress<WorkflowProgress>
    {
        public List<WorkflowProgress> Items { get; } = [];

        public void Report(WorkflowProgress value) => Items.Add(value);
    }

    [Fact]
    public async Task RunAsync_MeetingWorkflow_EachStepFeedsTheNextAndReportIsWritten()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var runner = new WorkflowRunner(provider, new WorkflowRunnerOptions { OutputDirectory = _dir });
        var progress = new ListProgress();

        var result = await runner.RunAsync(WorkflowDefinition.Parse(Meeting), new Dictionary<string, string> { ["audio"] = "meeting.wav" }, progress);

        var translation = provider.Get<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation).Calls.Single();
        Assert.Equal(("summary of: transcript of meeting.wav", "en", "fr"), (translation.Input, translation.Options!.SourceLanguage, translation.Options.TargetLanguage));
        var zeroShot = provider.Get<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification).Calls.Single();
        Assert.Equal("[fr] summary of: transcript of meeting.wav", zeroShot.Input);
        Assert.Equal(["sales", "support"], zeroShot.Options!.CandidateLabels);
        Assert.Equal("transcript of meeting.wav", result.Outputs["transcribe"]!["text"]!.GetValue<string>());
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "out", "report.json")))!;
        Assert.Equal("sales", report["labels"]![0]!.GetValue<string>());
        Assert.Equal(
            ["transcribe Started", "transcribe Completed", "summary Started", "summary Completed", "french Started", "french Completed", "topic Started", "topic Completed"],
            progress.Items.Select(p => $"{p.StepId} {p.Status}").ToArray());
    }

    [Fact]
    public async Task RunAsync_ManyProblems_OneExceptionListsEveryProblemWithLinesAndNothingRuns()
    {
        const string yaml = """
            inputs:
              folder:
            steps:
              - id: a
                task: summarise
                with:
                  text: ${{ steps.b.output.text }}
              - id: b
                task: summarization
                with:
                  text: ${{ steps.a.output.summary_text }}
                  colour: red
              - id: c
                task: zero-shot-classification
                with:
                  text: ${{ steps.nope.output.x }}
            """;
        var provider = FakePipelineProvider.WithAllTasks();

        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => new WorkflowRunner(provider).RunAsync(WorkflowDefinition.Parse(yaml), new Dictionary<string, string>()));

        var problems = error.Problems.Select(p => p.ToString()).ToList();
        Assert.Collection(
            problems,
            p => Assert.StartsWith("line 2: input 'folder' is required", p, StringComparison.Ordinal),
            p => Assert.StartsWith("line 4: step 'a': 'summarise' is not a task", p, StringComparison.Ordinal),
            p => Assert.Equal("line 7: step 'a': step 'b' runs later; a step can only read earlier steps' outputs", p),
            p => Assert.StartsWith("line 12: step 'b': task 'summarization' takes no argument 'colour'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("line 13: step 'c': task 'zero-shot-classification' needs argument 'candidate_labels'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("line 16: step 'c': there is no step 'nope'", p, StringComparison.Ordinal),
            p => Assert.Equal("line 4: cycle: a -> b -> a", p));
        Assert.Empty(provider.Requests);
        Assert.Contains("7 problem(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UndeclaredInputGiven_IsAProblem()
    {
        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => new WorkflowRunner(FakePipelineProvider.WithAllTasks())
            .RunAsync(WorkflowDefinition.Parse(Meeting), new Dictionary<string, string> { ["audio"] = "a.wav", ["lables"] = "x" }));

        Assert.Equal("input 'lables' is given but the workflow declares no such input (declared: audio, labels)", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public async Task RunAsync_TransientFailureOnce_RetriesAndSucceeds()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var calls = 0;
        provider.Add<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization,
            (t, o) => ++calls == 1 ? throw new HttpRequestException("503 from the inference endpoint") : new SummarizationResult("ok"));
        var progress = new ListProgress();

        var result = await new WorkflowRunner(provider, new WorkflowRunnerOptions { OutputDirectory = _dir })
            .RunAsync(WorkflowDefinition.Parse(Meeting), new Dictionary<string, string> { ["audio"] = "a.wav" }, progress);

        Assert.Equal(2, calls);
        Assert.Equal("ok", result.Outputs["summary"]!["summary_text"]!.GetValue<string>());
        var retry = Assert.Single(progress.Items, p => p.Status == WorkflowStepStatus.Retrying);
        Assert.Equal(("summary", "503 from the inference endpoint"), (retry.StepId, retry.Message));
    }

    [Fact]
    public async Task RunAsync_TransientFailureTwice_FailsAfterTwoAttemptsNamingStep()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        provider.Add<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization, (t, o) => throw new TimeoutException("model load timed out"));

        var error = await Assert.ThrowsAsync<WorkflowStepException>(() => new WorkflowRunner(provider, new WorkflowRunnerOptions { OutputDirectory = _dir })
            .RunAsync(WorkflowDefinition.Parse(Meeting), new Dictionary<string, string> { ["audio"] = "a.wav" }));

        Assert.Equal(("summary", 2), (error.StepId, error.Attempts));
        Assert.Equal("Step 'summary' (line 11) failed after 2 attempts: model load timed out", error.Message);
    }

    [Fact]
    public async Task RunAsync_PermanentFailure_NotRetriedAndLaterStepsDoNotRun()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var calls = 0;
        provider.Add<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization, (t, o) => { calls++; throw new InvalidPipelineInputException("text is empty"); });

        var error = await Assert.ThrowsAsync<WorkflowStepException>(() => new WorkflowRunner(provider, new WorkflowRunnerOptions { OutputDirectory = _dir })
            .RunAsync(WorkflowDefinition.Parse(Meeting), new Dictionary<string, string> { ["audio"] = "a.wav" }));

        Assert.Equal(1, calls);
        Assert.Equal("Step 'summary' (line 11) failed: text is empty", error.Message);
        Assert.Empty(provider.Get<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation).Calls);
    }

    [Fact]
    public async Task RunAsync_ForeachOverGlobAndIf_ClassifiesEachImageAndSkipsFalseStep()
    {
        foreach (var name in new[] { "b.jpg", "a.jpg", "notes.txt" })
        {
            await File.WriteAllTextAsync(Path.Combine(_dir, name), "x");
        }

        var yaml = $$$"""
            inputs:
              photos:
                type: glob
                default: {{{_dir}}}/*.jpg
            steps:
              - id: images
                foreach: ${{ inputs.photos }}
                task: image-classification
                with:
                  image: ${{ item }}
                  top_k: 1
              - id: loud
                if: ${{ steps.images.output[0][0].label == 'dog' }}
                task: text-classification
                with:
                  text: never
              - id: cats
                if: ${{ steps.images.output[1][0].label contains 'b.jpg' }}
                task: summarization
                with:
                  text: "first: ${{ steps.images.output[0][0].label }}"
            """;
        var provider = FakePipelineProvider.WithAllTasks();

        var result = await new WorkflowRunner(provider).RunAsync(WorkflowDefinition.Parse(yaml), new Dictionary<string, string>());

        var images = provider.Get<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.ImageClassification).Calls;
        Assert.Equal(["a.jpg", "b.jpg"], images.Select(c => Path.GetFileName(c.Input.Path!)).ToArray());
        Assert.All(images, c => Assert.Equal(1, c.Options!.TopK));
        Assert.Equal(["loud"], result.Skipped);
        Assert.Equal("summary of: first: tabby cat (a.jpg)", result.Outputs["cats"]!["summary_text"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_PromptStep_RendersTemplateAndAsksChatModel()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "email.md"), "Write to the team about ${{ with.topic }}: ${{ steps.summary.output.summary_text }}");
        const string yaml = """
            steps:
              - id: summary
                task: summarization
                with:
                  text: long text
              - id: email
                prompt: email.md
                with:
                  topic: sales
                output:
                  console: true
            """;
        var chat = new ScriptedChatClient(m => ScriptedChatClient.Answer($"EMAIL<{m[^1].Text}>"));
        using var console = new StringWriter();

        var result = await new WorkflowRunner(FakePipelineProvider.WithAllTasks(), new WorkflowRunnerOptions { ChatClient = chat, Console = console })
            .RunAsync(WorkflowDefinition.Parse(yaml, _dir), new Dictionary<string, string>());

        Assert.Equal("EMAIL<Write to the team about sales: summary of: long text>", result.Outputs["email"]!["text"]!.GetValue<string>());
        Assert.Contains("\"text\": \"EMAIL<Write", console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AgentStepWithoutChatModel_IsAValidationProblem()
    {
        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => new WorkflowRunner(FakePipelineProvider.WithAllTasks())
            .RunAsync(WorkflowDefinition.Parse("steps:\n  - id: ask\n    agent: transcribe x.wav\n"), new Dictionary<string, string>()));

        Assert.Contains("needs a chat model", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingOutputField_FailsNamingTheFieldsThatExist()
    {
        const string yaml = """
            steps:
              - id: s
                task: summarization
                with:
                  text: t
              - id: t
                task: translation
                with:
                  text: ${{ steps.s.output.summary }}
                  target_language: de
            """;

        var error = await Assert.ThrowsAsync<WorkflowStepException>(() => new WorkflowRunner(FakePipelineProvider.WithAllTasks()).RunAsync(WorkflowDefinition.Parse(yaml), new Dictionary<string, string>()));

        Assert.Equal("t", error.StepId);
        Assert.Contains("'summary' is not in steps.s.output (it has: summary_text)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OutputFileOutsideOutputFolder_IsAProblem()
    {
        const string yaml = "steps:\n  - id: s\n    task: summarization\n    with:\n      text: t\n    output:\n      file: ../../escape.json\n";

        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => new WorkflowRunner(FakePipelineProvider.WithAllTasks(), new WorkflowRunnerOptions { OutputDirectory = _dir })
            .RunAsync(WorkflowDefinition.Parse(yaml), new Dictionary<string, string>()));

        Assert.StartsWith("step 's': output file '../../escape.json' is outside the output folder", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OutputFolderLinkLeadsOutside_IsAProblemAndNothingWritten()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_dir, "outside")).FullName;
        var output = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(output, "evil"), outside);
        const string yaml = "steps:\n  - id: s\n    task: summarization\n    with:\n      text: t\n    output:\n      file: evil/pwned.txt\n";

        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => new WorkflowRunner(FakePipelineProvider.WithAllTasks(), new WorkflowRunnerOptions { OutputDirectory = output })
            .RunAsync(WorkflowDefinition.Parse(yaml), new Dictionary<string, string>()));

        Assert.StartsWith($"step 's': output file 'evil/pwned.txt' leads outside the output folder {output} through a symbolic link (to {outside}/pwned.txt)", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public async Task RunAsync_OutputFileIsALink_IsAProblemAndTargetUntouched()
    {
        var output = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
        var target = Path.Combine(output, "precious.txt");
        await File.WriteAllTextAsync(target, "keep me");
        File.CreateSymbolicLink(Path.Combine(output, "result.json"), target);
        const string yaml = "steps:\n  - id: s\n    task: summarization\n    with:\n      text: t\n    output:\n      file: result.json\n";

        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => new WorkflowRunner(FakePipelineProvider.WithAllTasks(), new WorkflowRunnerOptions { OutputDirectory = output })
            .RunAsync(WorkflowDefinition.Parse(yaml), new Dictionary<string, string>()));

        Assert.Equal("step 's': output file 'result.json' is a symbolic link; hfp does not write through links: remove it or choose another name", Assert.Single(error.Problems).Message.Split(" (line")[0]);
        Assert.Equal("keep me", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task RunAsync_OutputInLinkedFolderInside_Written()
    {
        var output = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
        var real = Directory.CreateDirectory(Path.Combine(output, "real")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(output, "alias"), real);
        const string yaml = "steps:\n  - id: s\n    task: summarization\n    with:\n      text: t\n    output:\n      file: alias/sub/r.json\n";

        await new WorkflowRunner(FakePipelineProvider.WithAllTasks(), new WorkflowRunnerOptions { OutputDirectory = output })
            .RunAsync(WorkflowDefinition.Parse(yaml), new Dictionary<string, string>());

        Assert.Contains("summary_text", await File.ReadAllTextAsync(Path.Combine(real, "sub", "r.json")), StringComparison.Ordinal);
        Assert.Equal(["r.json"], Directory.GetFiles(Path.Combine(real, "sub")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../secret.md", "is outside the folder")]
    [InlineData("/etc/hostname", "is outside the folder")]
    [InlineData("linked/secret.md", "leads outside the folder")]
    public async Task RunAsync_PromptOutsideWorkflowFolder_IsAProblem(string prompt, string expected)
    {
        var workflowDir = Directory.CreateDirectory(Path.Combine(_dir, "wf")).FullName;
        await File.WriteAllTextAsync(Path.Combine(_dir, "secret.md"), "secret ${{ with.x }}");
        Directory.CreateSymbolicLink(Path.Combine(workflowDir, "linked"), _dir);
        var yaml = $"steps:\n  - id: s\n    prompt: {prompt}\n    with:\n      x: t\n";

        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => new WorkflowRunner(FakePipelineProvider.WithAllTasks())
            .RunAsync(WorkflowDefinition.Parse(yaml, workflowDir), new Dictionary<string, string>()));

        var message = $"step 's': the prompt file '{prompt}' {expected} {workflowDir}";
        Assert.True(error.Problems.Any(p => p.Message.StartsWith(message, StringComparison.Ordinal)), string.Join("\n", error.Problems.Select(p => p.Message)));
    }

    [Fact]
    public async Task RunAsync_AgentStep_AgentChainsToolsAndOutputsAnswer()
    {
        const string yaml = """
            inputs:
              file: meeting.wav
            steps:
              - id: ask
                agent: "Transcribe ${{ inputs.file }} and tell me what it says."
            """;
        var chat = new ScriptedChatClient(
            m => ScriptedChatClient.Call("c1", "Speech_transcribe", new() { ["audio"] = "meeting.wav" }),
            m => ScriptedChatClient.Answer($"It says: {ScriptedChatClient.LastResult(m)}"));

        var result = await new WorkflowRunner(FakePipelineProvider.WithAllTasks(), new WorkflowRunnerOptions { ChatClient = chat, AgentSystemPrompt = "Use tools." })
            .RunAsync(WorkflowDefinition.Parse(yaml), new Dictionary<string, string>());

        Assert.Equal("Transcribe meeting.wav and tell me what it says.", chat.Requests[0][^1].Text);
        Assert.Equal("Use tools.", chat.Requests[0][0].Text);
        Assert.Equal("""It says: {"text":"transcript of meeting.wav"}""", result.Outputs["ask"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_ReadingSkippedStep_ConditionSeesSkippedAndOutputReadFailsClearly()
    {
        const string yaml = """
            steps:
              - id: never
                if: ${{ false }}
                task: summarization
                with:
                  text: t
              - id: fallback
                if: ${{ steps.never.skipped }}
                task: summarization
                with:
                  text: fallback text
              - id: reads
                task: summarization
                with:
                  text: ${{ steps.never.output.summary_text }}
            """;

        var error = await Assert.ThrowsAsync<WorkflowStepException>(() => new WorkflowRunner(FakePipelineProvider.WithAllTasks()).RunAsync(WorkflowDefinition.Parse(yaml), new Dictionary<string, string>()));

        Assert.Equal("reads", error.StepId);
        Assert.Contains("'output' is not in steps.never (it has: skipped)", error.Message, StringComparison.Ordinal);
    }
}
