namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>
/// A declarative workflow read from YAML: named <c>inputs</c>, then <c>steps</c> that each run a task, a prompt
/// template or the agent, with arguments referencing inputs and earlier outputs through <c>${{ ... }}</c>.
/// Reading checks the shape only; <see cref="WorkflowRunner"/> validates references before running anything.
/// The syntax is described in <c>examples/workflows/README.md</c>. Immutable.
/// </summary>
public sealed record WorkflowDefinition
{
    /// <summary>The largest workflow file read, in bytes (1 MiB).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The workflow name (optional).</summary>
    public string? Name { get; init; }

    /// <summary>The declared inputs.</summary>
    public IReadOnlyList<WorkflowInput> Inputs { get; init; } = [];

    /// <summary>The steps, in run order.</summary>
    public IReadOnlyList<WorkflowStep> Steps { get; init; } = [];

    /// <summary>The folder relative prompt paths are read from (the workflow file's folder, or the current one).</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// Finds a prompt template: relative to <see cref="BaseDirectory"/> first, then relative to the application folder
    /// (where <c>hfp</c> ships its <c>prompts/</c>). A path that leaves its folder (<c>..</c>, an absolute path, a
    /// symbolic link out of it) is not read.
    /// </summary>
    /// <param name="path">The <c>prompt:</c> path.</param>
    /// <returns>The real path, or null when neither folder holds it.</returns>
    public string? FindPrompt(string path) => FindPrompt(path, out _);

    /// <summary>Finds a prompt template (see <see cref="FindPrompt(string)"/>), saying why when it is not found.</summary>
    /// <param name="path">The <c>prompt:</c> path.</param>
    /// <param name="problem">Why it was not found: outside the workflow's folder, or in neither folder.</param>
    /// <returns>The real path, or null.</returns>
    public string? FindPrompt(string path, out string? problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var inside = WorkflowPaths.Inside(BaseDirectory, path, out problem);
        if (inside is not null && File.Exists(inside))
        {
            return inside;
        }

        if (inside is null)
        {
            problem = $"{problem}: prompts are read from the workflow's folder or from hfp's own prompts/";
        }

        var shipped = WorkflowPaths.Inside(AppContext.BaseDirectory, path, out _);
        if (shipped is not null && File.Exists(shipped))
        {
            problem = null;
            return shipped;
        }

        problem ??= $"does not exist (looked in {BaseDirectory} and {AppContext.BaseDirectory})";
        return null;
    }

    /// <summary>Reads a workflow file.</summary>
    /// <param name="path">The YAML file.</param>
    /// <returns>The workflow.</returns>
    /// <exception cref="WorkflowFormatException">The file is missing, too large, or not a valid workflow.</exception>
    public static WorkflowDefinition Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new WorkflowFormatException($"The workflow file '{path}' does not exist.");
        }

        if (file.Length > MaxBytes)
        {
            throw new WorkflowFormatException($"The workflow file '{path}' is {file.Length} bytes; the limit is {MaxBytes}. Split it into smaller workflows.");
        }

        return Parse(File.ReadAllText(path), file.DirectoryName);
    }

    /// <summary>Reads a workflow from YAML text.</summary>
    /// <param name="yaml">The YAML.</param>
    /// <param name="baseDirectory">The folder relative prompt paths are read from; null for the current folder.</param>
    /// <returns>The workflow.</returns>
    /// <exception cref="WorkflowFormatException">The text is too large or not a valid workflow.</exception>
    public static WorkflowDefinition Parse(string yaml, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxBytes)
        {
            throw new WorkflowFormatException($"The workflow is {yaml.Length} characters; the limit is {MaxBytes}. Split it into smaller workflows.");
        }

        return WorkflowParser.Parse(YamlReader.Read(yaml), baseDirectory ?? Environment.CurrentDirectory);
    }
}
