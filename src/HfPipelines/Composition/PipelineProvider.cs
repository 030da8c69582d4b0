using HfPipelines.Pipelines;
using System.Collections.Concurrent;
using HfPipelines.Tasks;

namespace HfPipelines.Composition;

/// <summary>
/// The default <see cref="IPipelineProvider"/>: creates each (task, model) pipeline once, on first use,
/// from the first registration that can serve the model, and shares it between all callers until the
/// provider is disposed. Concurrent first calls share one load; a failed load is not cached, so a later
/// call tries again. Thread-safe.
/// </summary>
public sealed class PipelineProvider : IPipelineProvider
{
    private readonly IReadOnlyList<PipelineRegistration> _registrations;
    private readonly PipelineProviderOptions _options;
    private readonly ConcurrentDictionary<(string Task, string Model), Lazy<Task<object>>> _loaded = new();
    private readonly IDisposable? _ownedResource;
    private int _disposed;

    /// <summary>Creates a provider over the given registrations (tried in order per task).</summary>
    /// <param name="registrations">The registrations.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="ownedResource">Something the registrations use (e.g. the model store), disposed after the pipelines.</param>
    public PipelineProvider(IEnumerable<PipelineRegistration> registrations, PipelineProviderOptions? options = null, IDisposable? ownedResource = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _registrations = [.. registrations];
        _options = options ?? new PipelineProviderOptions();
        _ownedResource = ownedResource;
    }

    /// <summary>How many pipelines are loaded now.</summary>
    public int LoadedCount => _loaded.Count(p => p.Value.IsValueCreated && p.Value.Value.IsCompletedSuccessfully);

    /// <inheritdoc />
    public async ValueTask<IPipeline<TInput, TOptions, TResult>> GetAsync<TInput, TOptions, TResult>(
        string task, string? model = null, CancellationToken cancellationToken = default)
        where TOptions : class
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var descriptor = _options.Tasks.Resolve(task);
        var name = descriptor.Name;
        var reference = model ?? (_options.DefaultModels.TryGetValue(name, out var fallback) ? fallback : null) ?? descriptor.DefaultModel
            ?? throw new InvalidPipelineInputException($"No model given for '{name}' and no default model is configured for it. Pass a model reference such as org/name or a local folder (--model on the command line, HfPipelinesOptions.Models in Semantic Kernel, model: in a workflow step).");

        var key = (name, reference);
        var lazy = _loaded.GetOrAdd(key, k => new Lazy<Task<object>>(() => CreateAsync(k.Task, k.Model)));
        object pipeline;
        try
        {
            pipeline = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || lazy.Value.IsCanceled)
        {
            _loaded.TryRemove(new KeyValuePair<(string, string), Lazy<Task<object>>>(key, lazy));
            throw;
        }

        return pipeline as IPipeline<TInput, TOptions, TResult>
            ?? throw new ArgumentException(
                $"The '{name}' pipeline takes {descriptor.InputType.Name}/{descriptor.OptionsType.Name}/{descriptor.ResultType.Name}, not {typeof(TInput).Name}/{typeof(TOptions).Name}/{typeof(TResult).Name}; pass its descriptor (provider.GetAsync(PipelineTasks.X, model)) to get the types right.", nameof(task));
    }

    /// <summary>Unloads one pipeline (it is disposed); the next call loads it again.</summary>
    /// <param name="task">The task name or alias.</param>
    /// <param name="model">The model reference it was loaded for.</param>
    /// <returns>True when it was loaded.</returns>
    public bool Unload(string task, string model)
    {
        var name = _options.Tasks.Resolve(task).Name;
        if (_loaded.TryRemove((name, model), out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            (lazy.Value.Result as IDisposable)?.Dispose();
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var lazy in _loaded.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                (lazy.Value.Result as IDisposable)?.Dispose();
            }
        }

        _loaded.Clear();
        _ownedResource?.Dispose();
    }

    private async Task<object> CreateAsync(string task, string model)
    {
        var candidates = _registrations.Where(r => string.Equals(r.Task, task, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            throw new ModelLoadException(
                $"No local backend is registered for '{task}'. Add one: services.AddLlamaCpp() (package HfPipelines.LlamaCpp: GGUF and whisper.cpp files) or services.AddOnnxGenAI() (package HfPipelines.OnnxGenAI: GenAI folders), or pass new LlamaCppBackend() / new OnnxGenAIBackend() to Pipeline.CreateProvider; or use the remote backend.");
        }

        // Loading is not tied to one caller's token: other callers may be waiting on the same load.
        foreach (var registration in candidates)
        {
            var pipeline = await registration.Factory(model, CancellationToken.None).ConfigureAwait(false);
            if (pipeline is not null)
            {
                return pipeline;
            }
        }

        throw new ModelLoadException(
            $"No backend can serve '{model}' for '{task}' (tried: {string.Join(", ", candidates.Select(c => c.Backend))}). Check that the model has files for one of them (ONNX, GGUF, GenAI), or use the remote backend.");
    }
}
