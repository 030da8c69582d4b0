using HfPipelines.Benchmarking;
using HfPipelines.Pipelines;

namespace HfPipelines.Cli.Commands;

/// <summary>Measures a task from its descriptor: each input line becomes one input (<see cref="PipelineTask{TInput, TOptions, TResult}.ParseInput"/>).</summary>
internal static class BenchTaskBinder
{
    public static Task<BenchmarkResult> RunAsync(IPipelineProvider provider, PipelineTask task, string? model, IReadOnlyList<string> lines, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        if (!task.SupportsBenchmark)
        {
            throw new HfPipelinesException(
                $"hfp bench does not support {task.Name} (its inputs need more than one line each). Supported: "
                + string.Join(", ", PipelineTaskCatalog.Default.All.Where(t => t.SupportsBenchmark).Select(t => t.Name)) + " (question-answering: question<TAB>context).");
        }

        return task.BenchmarkAsync(provider, model, lines, options, cancellationToken);
    }
}
