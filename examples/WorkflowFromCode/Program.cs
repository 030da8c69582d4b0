// Builds a workflow from YAML text and runs it, printing each step's progress.
// Runs offline on the embedded all-MiniLM-L6-v2 (zero-shot by similarity, extractive summary). Takes no arguments.
using HfPipelines;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel.Workflows;
using HfPipelines.Composition;

const string yaml = """
    name: triage
    inputs:
      text: >-
        My invoice is wrong this month. I was charged twice for the same licence.
        The rest of the service works well. Please refund the second payment.
    steps:
      - id: topic
        task: zero-shot-classification
        with:
          text: ${{ inputs.text }}
          labels: [billing, software bug, sales]
        output:
          console: true
      - id: summary
        if: ${{ steps.topic.output.labels[0] == 'billing' }}
        task: summarization
        with:
          text: ${{ inputs.text }}
        output:
          console: true
    """;

if (args.Length > 0)
{
    Console.Error.WriteLine($"WorkflowFromCode: takes no arguments (got '{string.Join(" ", args)}'); edit the YAML in Program.cs to change the workflow.");
    return 2;
}

try
{
    using var pipelines = Pipeline.CreateProvider();
    var runner = new WorkflowRunner(pipelines, new WorkflowRunnerOptions { Console = Console.Out });
    var result = await runner.RunAsync(
        WorkflowDefinition.Parse(yaml),
        new Dictionary<string, string>(),
        new ConsoleProgress()).ConfigureAwait(false);
    Console.WriteLine($"{result.Outputs.Count} step(s) ran, {result.Skipped.Count} skipped");
    return 0;
}
catch (HfPipelinesException ex)
{
    Console.Error.WriteLine($"WorkflowFromCode: {ex.Message.ReplaceLineEndings(" ")}");
    return 1;
}

/// <summary>Prints each step's progress as it is reported. <see cref="Progress{T}"/> would post the lines to the
/// thread pool, so some could print after the closing "N step(s) ran" line.</summary>
internal sealed class ConsoleProgress : IProgress<WorkflowProgress>
{
    public void Report(WorkflowProgress value) => Console.WriteLine($"[{value.StepNumber}/{value.StepCount}] {value.StepId} {value.Status}");
}

