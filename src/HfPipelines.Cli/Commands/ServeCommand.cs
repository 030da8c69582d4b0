using System.CommandLine;
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
        var template = ChatTemplateOption.Create();
        var command = new Command("serve", "Serve the configured models over the Hugging Face Inference API routes, /v1/chat/completions and a demo page at /.")
        {
            urls, config, apiKey, template,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = await OptionsAsync(parse.GetValue(urls), parse.GetValue(config), parse.GetValue(apiKey), ct).ConfigureAwait(false);
            options.ChatTemplate = parse.GetValue(template) ?? options.ChatTemplate;
            _ = options.ChatTemplate is { } named ? HfPipelines.ChatTemplates.KnownChatTemplates.Resolve(named) : null; // a bad template fails before listening
            await RunAsync(context, options, ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<ServeOptions> OptionsAsync(string[]? urls, string? config, string? apiKey, CancellationToken cancellationToken)
    {
        var options = new ServeOptions();
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

    private static async Task RunAsync(CliContext context, ServeOptions options, CancellationToken cancellationToken)
    {
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
                await host.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            (provider as IDisposable)?.Dispose();
        }
    }
}
