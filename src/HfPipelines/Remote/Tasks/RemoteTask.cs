using HfPipelines.Remote.Http;

namespace HfPipelines.Remote.Tasks;

/// <summary>The client, routes and model a remote task call goes through.</summary>
/// <param name="Client">The shared HTTP client.</param>
/// <param name="Routes">The routes of the configured server.</param>
/// <param name="Model">The model id (required on the router), or null.</param>
internal sealed record RemoteCall(RemoteInferenceClient Client, RemoteRoutes Routes, string? Model);

/// <summary>One task over HTTP: builds its request, sends it, and normalises the answer to our result type.</summary>
/// <typeparam name="TInput">The task input.</typeparam>
/// <typeparam name="TOptions">The task options.</typeparam>
/// <typeparam name="TResult">The task result.</typeparam>
internal abstract class RemoteTask<TInput, TOptions, TResult>
    where TOptions : class
{
    protected RemoteTask(string task) => Task = task;

    public string Task { get; }

    public abstract Task<TResult> RunAsync(RemoteCall call, TInput input, TOptions options, CancellationToken cancellationToken);

    protected string Text(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new InvalidPipelineInputException($"{Task} needs a non-empty text input.");
        }

        return input;
    }
}
