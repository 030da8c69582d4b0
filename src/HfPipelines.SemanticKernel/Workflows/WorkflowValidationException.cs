namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>A workflow that cannot run: every problem found before anything ran, each with its line.</summary>
public sealed class WorkflowValidationException : HfPipelinesException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowValidationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public WorkflowValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">The problems (at least one).</param>
    public WorkflowValidationException(IReadOnlyList<WorkflowProblem> problems)
        : base($"The workflow has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => $"  {p}"))}") =>
        Problems = problems;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<WorkflowProblem> Problems { get; } = [];
}
