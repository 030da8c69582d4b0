using HfPipelines.Remote;
using HfPipelines.Tasks;

namespace HfPipelines.Fallback;

/// <summary>The fallback policy of each task. Not thread-safe while being changed; read-only in use.</summary>
public sealed class FallbackOptions
{
    private FallbackPolicy _defaultPolicy = FallbackPolicy.LocalOnly;

    /// <summary>The policy of tasks without their own. Default <see cref="FallbackPolicy.LocalOnly"/>.</summary>
    public FallbackPolicy DefaultPolicy
    {
        get => _defaultPolicy;
        set => _defaultPolicy = Check(value, nameof(DefaultPolicy));
    }

    /// <summary>Policies per task name (aliases allowed), overriding <see cref="DefaultPolicy"/>.</summary>
    public IDictionary<string, FallbackPolicy> TaskPolicies { get; } = new Dictionary<string, FallbackPolicy>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The defaults for a remote configuration: <see cref="FallbackPolicy.LocalThenRemote"/> when a token is configured
    /// or an explicit endpoint is given (not the router), otherwise <see cref="FallbackPolicy.LocalOnly"/>.
    /// </summary>
    /// <param name="remote">The remote options, or null when there is no remote backend.</param>
    /// <returns>The options.</returns>
    public static FallbackOptions For(RemoteInferenceOptions? remote) => new()
    {
        DefaultPolicy = remote is not null && (remote.Token is not null || remote.Kind != RemoteEndpointKind.Router)
            ? FallbackPolicy.LocalThenRemote
            : FallbackPolicy.LocalOnly,
    };

    /// <summary>The policy of a task.</summary>
    /// <param name="task">A task name or alias.</param>
    /// <returns>Its policy.</returns>
    public FallbackPolicy PolicyFor(string task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        var name = PipelineTasks.TryResolve(task, out var info) ? info.Name : task;
        foreach (var (key, policy) in TaskPolicies)
        {
            if (string.Equals(PipelineTasks.TryResolve(key, out var keyInfo) ? keyInfo.Name : key, name, StringComparison.OrdinalIgnoreCase))
            {
                return Check(policy, $"{nameof(TaskPolicies)}[{key}]");
            }
        }

        return DefaultPolicy;
    }

    private static FallbackPolicy Check(FallbackPolicy value, string name) =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<FallbackPolicy>())}.");
}
