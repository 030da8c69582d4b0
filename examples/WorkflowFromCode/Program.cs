// Builds a workflow from YAML text and runs it, printing each step's progress.
// Runs offline on the embedded all-MiniLM-L6-v2 (zero-shot by similarity, extractive summary).
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel.Workflows;

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

using var pipelines = Pipeline.CreateProvider();
var runner = new WorkflowRunner(pipelines, new WorkflowRunnerOptions { Console = Console.Out });
var result = await runner.RunAsync(
    WorkflowDefinition.Parse(yaml),
    new Dictionary<string, string>(),
    new Progress<WorkflowProgress>(p => Console.WriteLine($"[{p.StepNumber}/{p.StepCount}] {p.StepId} {p.Status}"))).ConfigureAwait(false);
Console.WriteLine($"{result.Outputs.Count} step(s) ran, {result.Skipped.Count} skipped");

