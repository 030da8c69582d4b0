using HfPipelines.Cli.Serve.Chat;
using HfPipelines.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// The running <c>hfp serve</c> server: Kestrel with the hf-inference routes, the chat routes, the demo page,
/// health and metrics. Owns the chat clients it creates; borrows the pipeline provider. Dispose to stop.
/// </summary>
internal sealed partial class ServeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ChatClients _chat;

    /// <summary>How long requests cut at the shutdown deadline get to end before the chat clients are released.</summary>
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger;

    private ServeHost(WebApplication app, ChatClients chat, ServeMetrics metrics, ILogger logger)
    {
        _app = app;
        _chat = chat;
        Metrics = metrics;
        _logger = logger;
    }

    /// <summary>The URLs the server listens on (the real port when 0 was asked).</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. (_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new Uri(a))];

    /// <summary>The request metrics.</summary>
    public ServeMetrics Metrics { get; }

    /// <summary>Builds and starts the server.</summary>
    /// <param name="options">Where to listen, what to serve, limits.</param>
    /// <param name="provider">Gives the task pipelines (borrowed).</param>
    /// <param name="chatFactory">Creates a chat client per chat model id (the host owns what it creates); null for none.</param>
    /// <param name="logs">Where request logs go; null for none.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <returns>The started server.</returns>
    public static async Task<ServeHost> StartAsync(
        ServeOptions options, IPipelineProvider provider, Func<string, CancellationToken, Task<IChatClient>>? chatFactory, ILoggerProvider? logs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(provider);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "hfp", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
        });
        var app = builder.Build();
        var metrics = new ServeMetrics();
        var chat = new ChatClients(chatFactory);
        var catalog = new ModelCatalog(options.Models);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HfPipelines.Cli.Serve");
        app.Use(new ServeMiddleware(options, metrics, logger).InvokeAsync);
        ServeEndpoints.Map(app, new ServeHandlers(options, catalog, provider, chat, metrics, options.Tasks));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            chat.Dispose();
            throw;
        }

        return new ServeHost(app, chat, metrics, logger);
    }

    /// <summary>Waits until the token is cancelled (Ctrl+C), then returns.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that ends when the token is cancelled.</returns>
    public async Task WaitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the normal way to stop the server.
        }
    }

    /// <summary>
    /// Stops: no new connection is accepted, requests in flight run to completion for up to
    /// <see cref="ServeOptions.ShutdownTimeout"/> and are cancelled after; returns once none is running (or a few seconds
    /// after the cancellation), so that the caller releases the models only when no request uses them.
    /// </summary>
    /// <returns>A task that ends when the server is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        using (var grace = new CancellationTokenSource(AbortGrace))
        {
            try
            {
                await Metrics.WhenIdleAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogStillRunning(_logger, Metrics.InFlight);
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _chat.Dispose();
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Count} request(s) still running after the shutdown deadline and its grace")]
    private static partial void LogStillRunning(ILogger logger, long count);
}
