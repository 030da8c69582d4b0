using HfPipelines.Pipelines;
using HfPipelines.Tasks;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Serve;

/// <summary>How <c>hfp serve</c> listens, what it serves and its limits. Setters validate and name the option.</summary>
internal sealed class ServeOptions
{
    private IReadOnlyList<string> _urls = ["http://127.0.0.1:5000"];
    private IReadOnlyList<ServedModel> _models = DefaultModels;
    private long _maxRequestBytes = 16 * 1024 * 1024;
    private TimeSpan _requestTimeout = TimeSpan.FromSeconds(120);
    private TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(30);
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>With no config file: the embedded model for feature-extraction, sentence-similarity and zero-shot-classification.</summary>
    public static IReadOnlyList<ServedModel> DefaultModels { get; } =
    [
        new(PipelineTasks.FeatureExtraction, PipelineProviderOptions.EmbeddedModelId),
        new(PipelineTasks.SentenceSimilarity, PipelineProviderOptions.EmbeddedModelId),
        new(PipelineTasks.ZeroShotClassification, PipelineProviderOptions.EmbeddedModelId),
    ];

    /// <summary>The URLs Kestrel listens on. Default <c>http://127.0.0.1:5000</c> (loopback); port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls
    {
        get => _urls;
        set => _urls = value is { Count: > 0 } && value.All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? value
            : throw new ArgumentException($"{nameof(Urls)} must hold at least one absolute http(s) URL such as http://127.0.0.1:5000.", nameof(Urls));
    }

    /// <summary>The chat template (a Jinja file or a shipped name such as <c>chatml</c>) for local chat models that have
    /// none; null (default) keeps each model's own. Config field <c>chatTemplate</c>, option <c>--chat-template</c>.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>The bearer token every API call must carry; null (default) for no authentication.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The tasks the routes know (by default the built-in ones; an application adds its own with <see cref="PipelineTaskCatalog.With"/>).</summary>
    public PipelineTaskCatalog Tasks { get; set; } = PipelineTaskCatalog.Default;

    /// <summary>The models served, by task. Default <see cref="DefaultModels"/>.</summary>
    public IReadOnlyList<ServedModel> Models
    {
        get => _models;
        set => _models = value is { Count: > 0 } ? value : throw new ArgumentException($"{nameof(Models)} must name at least one model.", nameof(Models));
    }

    /// <summary>The largest request body accepted, in bytes (larger: 413). Default 16 MiB.</summary>
    public long MaxRequestBytes
    {
        get => _maxRequestBytes;
        set => _maxRequestBytes = value >= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRequestBytes), value, "MaxRequestBytes must be at least 1024.");
    }

    /// <summary>How long one request may run before it is cancelled with 504. Default 120 seconds.</summary>
    public TimeSpan RequestTimeout
    {
        get => _requestTimeout;
        set => _requestTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(RequestTimeout), value, "RequestTimeout must be positive.");
    }

    /// <summary>On shutdown (Ctrl+C, SIGTERM), how long requests in flight may run to completion before they are cancelled;
    /// the models are released only after. Default 30 seconds; zero cancels them at once.</summary>
    public TimeSpan ShutdownTimeout
    {
        get => _shutdownTimeout;
        set => _shutdownTimeout = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(ShutdownTimeout), value, "ShutdownTimeout must be zero or positive.");
    }

    /// <summary>The clock of request timeouts (tests pass a fake one). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }
}
