using System.Diagnostics.CodeAnalysis;
using HfPipelines.Tasks;

namespace HfPipelines.Pipelines;

/// <summary>
/// A set of task descriptors, looked up by name or alias (and <c>translation_xx_to_yy</c>). <see cref="Default"/> holds
/// the built-in tasks; <see cref="With"/> adds an application's own, which every surface given this catalog then
/// offers (provider, remote, serve, MCP, Semantic Kernel, workflows, bench, CLI). Immutable and thread-safe.
/// </summary>
public sealed class PipelineTaskCatalog
{
    private readonly PipelineTask[] _tasks;

    /// <summary>Creates a catalog.</summary>
    /// <param name="tasks">The descriptors; names and aliases must be unique.</param>
    /// <exception cref="ArgumentException">Two descriptors share a name or alias.</exception>
    public PipelineTaskCatalog(IEnumerable<PipelineTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        _tasks = [.. tasks];
        var names = _tasks.SelectMany(t => t.Aliases.Prepend(t.Name)).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (names is not null)
        {
            throw new ArgumentException($"Two tasks answer to '{names.Key}'; task names and aliases must be unique.", nameof(tasks));
        }
    }

    /// <summary>The built-in tasks.</summary>
    public static PipelineTaskCatalog Default { get; } = new(PipelineTasks.All);

    /// <summary>The descriptors, in a stable order.</summary>
    public IReadOnlyList<PipelineTask> All => _tasks;

    /// <summary>A catalog with more tasks (tried after these).</summary>
    /// <param name="tasks">The descriptors to add.</param>
    /// <returns>The new catalog.</returns>
    public PipelineTaskCatalog With(params PipelineTask[] tasks) => new(_tasks.Concat(tasks ?? []));

    /// <summary>Resolves a task name or alias.</summary>
    /// <param name="name">A task name, an alias, or <c>translation_xx_to_yy</c>.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="UnknownTaskException">The name is not known; the message gives the closest name and how to list them.</exception>
    public PipelineTask Resolve(string name)
    {
        if (TryResolve(name, out var task))
        {
            return task;
        }

        var closest = Closest(name);
        throw new UnknownTaskException(
            $"Unknown pipeline task '{name}'.{(closest is null ? string.Empty : $" Did you mean '{closest}'?")} Valid tasks: {string.Join(", ", _tasks.Select(Describe))}, and translation_xx_to_yy.")
        {
            TaskName = name,
        };
    }

    /// <summary>Resolves a task name or alias without throwing.</summary>
    /// <param name="name">The name.</param>
    /// <param name="task">The descriptor, when found.</param>
    /// <returns>True when the name is known.</returns>
    public bool TryResolve(string? name, [NotNullWhen(true)] out PipelineTask? task)
    {
        task = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var trimmed = name.Trim();
        if (PipelineTasks.TryParseTranslationPair(trimmed, out _, out _))
        {
            trimmed = PipelineTaskNames.Translation;
        }

        task = _tasks.FirstOrDefault(t => t.Answers(trimmed));
        return task is not null;
    }

    /// <summary>The task name closest to a misspelt one (edit distance at most a third of its length), or null.</summary>
    /// <param name="name">The misspelt name.</param>
    /// <returns>The closest task name or alias, or null.</returns>
    public string? Closest(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var lower = name.Trim().ToLowerInvariant();
        var best = _tasks.SelectMany(t => t.Aliases.Prepend(t.Name)).Select(n => (Name: n, Distance: Distance(lower, n))).MinBy(p => p.Distance);
        return best.Name is not null && best.Distance <= Math.Max(2, lower.Length / 3) ? best.Name : null;
    }

    private static string Describe(PipelineTask task) =>
        task.Aliases.Count == 0 ? task.Name : $"{task.Name} ({string.Join(", ", task.Aliases)})";

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
