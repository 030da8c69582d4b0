namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>How a workflow input's text is read.</summary>
public enum WorkflowInputType
{
    /// <summary>The text as given.</summary>
    String,

    /// <summary>A file pattern such as <c>photos/*.jpg</c> or <c>data/**/*.wav</c>, expanded to the sorted list of matching files.</summary>
    Glob,
}
