using HfPipelines.Pipelines;
using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using HfPipelines.Cli.Serve;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp serve</c>: an Inference-API-compatible HTTP server (hf-inference routes, OpenAI chat, demo page).</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string[]>("--urls") { Description = "Where to listen (default http://127.0.0.1:5000, loopback only); several separated by ';'.", AllowMultipleArgumentsPerToken = true };
        var config = new Option<string?>("--config") { Description = "JSON file: {\"models\": [{\"task\": \"...\", \"model\": \"...\"}], \"maxRequestBytes\": n, \"requestTimeoutSeconds\": n}." };
        var apiKey = new Option<string?>("--api-key") { Description = "Require 'Authorization: Bearer KEY' on every API call (default: env HFP_API_KEY, else none)." };
        var shutdown = new Option<double?>("--shutdown-timeout") { Description = "On Ctrl+C or SIGTERM, seconds the requests in flight may run before they are cancelled (default 30; also shutdownTimeoutSeconds in --config)." };
        var template = ChatTemplateOption.Create();
        var command = new Command("serve", "Serve the configured models over the Hugging Face Inference API routes, /v1/chat/completions and a demo page at /.")
        {
            urls, config, apiKey, shutdown, template,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = await OptionsAsync(context.Tasks, parse.GetValue(urls), parse.GetValue(config), parse.GetValue(apiKey), ct).ConfigureAwait(false);
            if (parse.GetValue(shutdown) is { } seconds)
            {
                options.ShutdownTimeout = seconds is >= 0 and <= 3600 ? TimeSpan.FromSeconds(seconds) : throw new HfPipelinesException("--shutdown-timeout must be a number of seconds from 0 to 3600.");
            }

            options.ChatTemplate = parse.GetValue(template) ?? options.ChatTemplate;
            _ = options.ChatTemplate is { } named ? HfPipelines.ChatTemplates.KnownChatTemplates.Resolve(named) : null; // a bad template fails before listening
            await RunAsync(context, options, ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<ServeOptions> OptionsAsync(PipelineTaskCatalog tasks, string[]? urls, string? config, string? apiKey, CancellationToken cancellationToken)
    {
        var options = new ServeOptions { Tasks = tasks };
        if (urls is { Length: > 0 })
        {
            options.Urls = [.. urls.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        }

        if (config is not null)
        {
            await ServeConfig.LoadAsync(config, options, cancellationToken).ConfigureAwait(false);
        }

        var key = apiKey ?? Environment.GetEnvironmentVariable("HFP_API_KEY");
        options.ApiKey = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        return options;
    }

    /// <summary>
    /// True for <c>hfp serve</c>, which handles Ctrl+C and SIGTERM itself (drain, then release the models): the command
    /// line library would otherwise end the process two seconds after the signal, with requests still running.
    /// </summary>
    /// <param name="parsed">The parsed command line.</param>
    /// <returns>Whether the command handles termination.</returns>
    public static bool HandlesTermination(ParseResult parsed) => parsed.CommandResult.Command.Name == "serve" && parsed.Errors.Count == 0;

    private static async Task RunAsync(CliContext context, ServeOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));
        var provider = context.CreatePipelineProvider();
        try
        {
            using var logs = new JsonLinesLoggerProvider(context.Error, TimeProvider.System);
            var host = await ServeHost.StartAsync(options, provider, (model, ct) => context.CreateChatClientAsync(model, null, options.ChatTemplate, ct), logs, cancellationToken).ConfigureAwait(false);
            await using (host.ConfigureAwait(false))
            {
                foreach (var address in host.Addresses)
                {
                    await context.Out.WriteLineAsync($"hfp serve: listening on {address} ({options.Models.Count} model entries{(options.ApiKey is null ? string.Empty : ", API key required")})").ConfigureAwait(false);
                }

                if (options.ApiKey is null && host.Addresses.Any(a => !a.IsLoopback))
                {
                    await context.Error.WriteLineAsync("hfp serve: warning: listening beyond loopback without an API key; pass --api-key or set HFP_API_KEY.").ConfigureAwait(false);
                }

                await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                await host.WaitAsync(stop.Token).ConfigureAwait(false);
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"hfp serve: stopping; {host.Metrics.InFlight} request(s) in flight get up to {options.ShutdownTimeout.TotalSeconds:0.###} s to finish.")).ConfigureAwait(false);
                await context.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            provider.Dispose();
        }
    }

    /// <summary>The first signal starts a graceful stop; a second one ends the process at once (the default action).</summary>
    private static void Stop(PosixSignalContext signal, CancellationTokenSource stop)
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        signal.Cancel = true;
        stop.Cancel();
    }
}
