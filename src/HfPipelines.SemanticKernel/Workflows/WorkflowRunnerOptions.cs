using Microsoft.Extensions.AI;

namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>Settings of a <see cref="WorkflowRunner"/>.</summary>
public sealed class WorkflowRunnerOptions
{
    /// <summary>The chat model for <c>prompt:</c> and <c>agent:</c> steps; null (default) sends prompts to the text-generation pipeline and refuses agent steps. Borrowed.</summary>
    public IChatClient? ChatClient { get; set; }

    /// <summary>Tasks and models of the task steps; null (default) for every task with default models.</summary>
    public HfPipelinesOptions? Pipelines { get; set; }

    /// <summary>The folder relative <c>output: { file: ... }</c> paths are written under; default the current folder.</summary>
    public string OutputDirectory { get; set; } = Environment.CurrentDirectory;

    /// <summary>Where <c>output: { console: true }</c> prints; null (default) prints nowhere.</summary>
    public TextWriter? Console { get; set; }

    /// <summary>The agent's system prompt for <c>agent:</c> steps; null (default) for none.</summary>
    public string? AgentSystemPrompt { get; set; }

    /// <summary>The most items one foreach step runs (default 1000, at least 1).</summary>
    public int MaxForeachItems { get; set; } = 1000;

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the option.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxForeachItems, 1, nameof(MaxForeachItems));
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputDirectory, nameof(OutputDirectory));
    }
}
