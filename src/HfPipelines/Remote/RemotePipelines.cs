using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;
using HfPipelines.Remote.Tasks;
using HfPipelines.Tasks;
using Microsoft.Extensions.Logging;

namespace HfPipelines.Remote;

/// <summary>
/// Makes the remote pipeline of each task, with the same input, options and result types as
/// <see cref="PipelineProviderExtensions"/>. Thread-safe. The pipelines borrow this factory's client: dispose the
/// factory after them.
/// </summary>
public sealed class RemotePipelines : IDisposable
{
    private readonly RemoteInferenceClient _client;
    private readonly bool _ownsClient;
    private readonly RemoteRoutes _routes;

    /// <summary>Creates a factory that owns its client.</summary>
    /// <param name="options">Where to call and how.</param>
    /// <param name="logger">Logs retries and failures; null for none.</param>
    /// <param name="handler">An HTTP handler to borrow, or null (see <see cref="RemoteInferenceClient"/>).</param>
    public RemotePipelines(RemoteInferenceOptions options, ILogger? logger = null, HttpMessageHandler? handler = null)
        : this(new RemoteInferenceClient(options, logger, handler), ownsClient: true)
    {
    }

    /// <summary>Creates a factory over a client it borrows.</summary>
    /// <param name="client">The client.</param>
    public RemotePipelines(RemoteInferenceClient client)
        : this(client, ownsClient: false)
    {
    }

    private RemotePipelines(RemoteInferenceClient client, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
        _routes = new RemoteRoutes(client.Options);
    }

    /// <summary>The client the pipelines send through.</summary>
    public RemoteInferenceClient Client => _client;

    /// <summary>Makes the remote pipeline of a task, typed as in <see cref="PipelineProviderExtensions"/>.</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOptions">The task's options type.</typeparam>
    /// <typeparam name="TResult">The task's result type.</typeparam>
    /// <param name="task">A task name or alias (translation_xx_to_yy included).</param>
    /// <param name="model">The model id (required on the router; ignored by a dedicated endpoint).</param>
    /// <returns>The pipeline.</returns>
    public IPipeline<TInput, TOptions, TResult> Create<TInput, TOptions, TResult>(string task, string? model = null)
        where TOptions : class
    {
        var info = Tasks.Resolve(task);
        return info.Accept(new Maker(this, model)) as IPipeline<TInput, TOptions, TResult>
            ?? throw new ArgumentException(
                $"Task {info.Name} takes {info.InputType.Name}/{info.OptionsType.Name}/{info.ResultType.Name}, not {typeof(TInput).Name}/{typeof(TOptions).Name}/{typeof(TResult).Name}; use its descriptor in PipelineTasks for the types.", nameof(task));
    }

    /// <summary>The tasks this factory knows (by default the built-in ones); an application adds its own with <see cref="PipelineTaskCatalog.With"/>.</summary>
    public PipelineTaskCatalog Tasks { get; init; } = PipelineTaskCatalog.Default;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>Makes the typed remote pipeline of a descriptor.</summary>
    private sealed class Maker(RemotePipelines owner, string? model) : IPipelineTaskVisitor<object>
    {
        public object Visit<TInput, TOptions, TResult>(PipelineTask<TInput, TOptions, TResult> task)
            where TOptions : class, new() =>
            new RemotePipeline<TInput, TOptions, TResult>(task, new RemoteCall(owner._client, owner._routes, task.Name, model));
    }
}
