// Builds a workflow from YAML text and runs it, printing each step's progress.
// Running it needs the real pipeline provider: replace CreatePipelineProvider below.
using HfPipelines;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel.Workflows;

const string yaml = """
    name: triage
    inputs:
      text: My invoice is wrong, please refund me.
    steps:
      - id: topic
        task: zero-shot-classification
        with:
          text: ${{ inputs.text }}
          labels: [sales, support]
      - id: french
        if: ${{ steps.topic.output.labels[0] == 'support' }}
        task: translation_en_to_fr
        with:
          text: ${{ inputs.text }}
        output:
          console: true
    """;

var runner = new WorkflowRunner(CreatePipelineProvider(), new WorkflowRunnerOptions { Console = Console.Out });
var result = await runner.RunAsync(
    WorkflowDefinition.Parse(yaml),
    new Dictionary<string, string>(),
    new Progress<WorkflowProgress>(p => Console.WriteLine($"[{p.StepNumber}/{p.StepCount}] {p.StepId} {p.Status}"))).ConfigureAwait(false);
Console.WriteLine($"{result.Outputs.Count} step(s) ran, {result.Skipped.Count} skipped");

static IPipelineProvider CreatePipelineProvider() =>
    throw new HfPipelinesException("Wire the HfPipelines pipeline provider here (the application's IPipelineProvider).");
