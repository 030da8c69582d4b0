using System.CommandLine;
using System.Text.Json;
using HfPipelines.Pipelines;
using HfPipelines.Remote;

namespace HfPipelines.Cli.Commands;

/// <summary>
/// What every task subcommand shares: <c>--model REF</c>, <c>--backend local|remote|auto</c>, <c>--endpoint URL</c>,
/// <c>--endpoint-kind</c>, <c>--json</c>; the provider they select; inputs with <c>-</c> for stdin; Python's JSON shape.
/// </summary>
internal sealed class TaskCommandOptions
{
    public Option<string?> Model { get; } = new("--model", "-m") { Description = "Model: org/name, org/name@revision, org/name:file, or a local folder or file (default: the task's default model)." };

    public Option<string?> Backend { get; } = new("--backend") { Description = BackendOptionTexts.Backend };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = BackendOptionTexts.Endpoint };

    public Option<string?> EndpointKind { get; } = new("--endpoint-kind") { Description = BackendOptionTexts.EndpointKind };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON shaped like the Python pipeline's output." };

    /// <summary>Adds the shared options to a command.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Backend);
        command.Options.Add(Endpoint);
        command.Options.Add(EndpointKind);
        command.Options.Add(Json);
        return command;
    }

    /// <summary>The provider for the command's backend options; dispose it after use.</summary>
    public IPipelineProvider CreateProvider(CliContext context, ParseResult parse) =>
        context.CreatePipelineProvider(parse.GetValue(Backend), parse.GetValue(Endpoint), parse.GetValue(EndpointKind));

    /// <summary>Runs <paramref name="action"/> with a provider and disposes the provider afterwards.</summary>
    public async Task<int> RunAsync(CliContext context, ParseResult parse, Func<IPipelineProvider, string?, Task> action)
    {
        var provider = CreateProvider(context, parse);
        try
        {
            await action(provider, parse.GetValue(Model)).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            provider.Dispose();
        }
    }

    /// <summary>The values, with <c>-</c> replaced by all of standard input.</summary>
    public static async Task<string[]> ReadInputsAsync(CliContext context, string[]? values, CancellationToken cancellationToken)
    {
        var result = new string[values?.Length ?? 0];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = values![i] == "-" ? (await context.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).TrimEnd('\r', '\n') : values[i];
        }

        return result;
    }

    /// <summary>Python returns the result itself for one input and a list for many.</summary>
    public static Task WriteJsonAsync<T>(CliContext context, IReadOnlyList<T> results) =>
        context.Out.WriteLineAsync(results.Count == 1 ? JsonSerializer.Serialize(results[0]) : JsonSerializer.Serialize(results));
}
