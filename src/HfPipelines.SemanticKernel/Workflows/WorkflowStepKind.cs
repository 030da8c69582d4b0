namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>What a workflow step runs.</summary>
public enum WorkflowStepKind
{
    /// <summary>A pipeline task (<c>task: zero-shot-classification</c>).</summary>
    Task,

    /// <summary>A prompt template file sent to the chat model or the text-generation pipeline (<c>prompt: prompts/x.md</c>).</summary>
    Prompt,

    /// <summary>An instruction for the orchestrating agent (<c>agent: "..."</c>).</summary>
    Agent,
}
