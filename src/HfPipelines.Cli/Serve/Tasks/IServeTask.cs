using HfPipelines.Pipelines;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>A task the hf-inference routes can run.</summary>
internal interface IServeTask
{
    /// <summary>The canonical task name.</summary>
    string Task { get; }

    /// <summary>Reads the request, runs the model's pipeline and returns the answer to serialize.</summary>
    /// <param name="provider">Gives (and keeps) the pipelines.</param>
    /// <param name="model">The model reference.</param>
    /// <param name="input">The request body.</param>
    /// <param name="cancellationToken">Cancels the call (timeout or client gone).</param>
    /// <returns>The answer.</returns>
    Task<object?> RunAsync(IPipelineProvider provider, string model, ServeInput input, CancellationToken cancellationToken);
}
