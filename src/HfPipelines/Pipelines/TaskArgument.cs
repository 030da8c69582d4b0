namespace HfPipelines.Pipelines;

/// <summary>The JSON type of a task argument.</summary>
public enum TaskArgumentType
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A number.</summary>
    Number,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A list of texts: a JSON array, or one comma-separated text.</summary>
    StringList,
}

/// <summary>
/// One argument of a task as tools, workflows and command lines see it: an input (it goes into <c>inputs</c>) or a
/// parameter (it goes into <c>parameters</c>, under its Python name). Immutable.
/// </summary>
/// <param name="Name">The Python name, e.g. <c>candidate_labels</c>; for an input, the name tools and workflow steps use (<c>text</c>, <c>image</c>).</param>
/// <param name="Type">The JSON type.</param>
/// <param name="Description">One line for tool schemas and help.</param>
public sealed record TaskArgument(string Name, TaskArgumentType Type, string Description)
{
    /// <summary>True for an input (part of <c>inputs</c>), false for a parameter.</summary>
    public bool IsInput { get; init; }

    /// <summary>True when a call must give it.</summary>
    public bool Required { get; init; }

    /// <summary>Other names accepted for it, e.g. the camelCase name of the Semantic Kernel function (<c>labels</c>, <c>multiLabel</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Whether a name (the Python name, an alias, or its camelCase / kebab-case spelling) means this argument.</summary>
    /// <param name="name">The name given.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = Normalize(name);
        return normalized == Normalize(Name) || Aliases.Any(a => Normalize(a) == normalized);
    }

    /// <summary>An input argument.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="type">Its type.</param>
    /// <param name="description">One line.</param>
    /// <returns>The argument (required).</returns>
    public static TaskArgument Input(string name, TaskArgumentType type, string description) =>
        new(name, type, description) { IsInput = true, Required = true };

    /// <summary>A parameter.</summary>
    /// <param name="name">Its Python name.</param>
    /// <param name="type">Its type.</param>
    /// <param name="description">One line.</param>
    /// <param name="aliases">Other accepted names.</param>
    /// <returns>The argument (optional).</returns>
    public static TaskArgument Parameter(string name, TaskArgumentType type, string description, params string[] aliases) =>
        new(name, type, description) { Aliases = aliases };

    /// <summary>Lower case without '_' and '-': <c>multi_label</c>, <c>multiLabel</c> and <c>multi-label</c> are one name.</summary>
    private static string Normalize(string name) =>
        name.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
