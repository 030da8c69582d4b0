using System.CommandLine;
using System.Text.Json;
using ModelContextProtocol;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp mcp</c>: serves every pipeline task as a Model Context Protocol tool over stdio.</summary>
internal static class McpCommand
{
    private static readonly JsonSerializerOptions CompactJson = new(McpJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static Command Create(CliContext context)
    {
        var maxLine = new Option<long>("--max-line-bytes")
        {
            Description = $"The longest JSON-RPC message (one line) read, in bytes; a longer one is skipped and answered with an error (default {McpLineTooLong.DefaultMaxLineBytes}).",
            DefaultValueFactory = _ => McpLineTooLong.DefaultMaxLineBytes,
        };
        var command = new Command("mcp", "Serve the pipeline tasks as Model Context Protocol tools over stdio (JSON-RPC on stdin/stdout).") { maxLine };
        command.SetAction(async (parse, ct) =>
        {
            var maxLineBytes = parse.GetValue(maxLine) is var bytes and >= 1024 ? bytes : throw new HfPipelinesException("--max-line-bytes must be at least 1024.");
            var provider = context.CreatePipelineProvider();
            try
            {
                var input = context.OpenStandardInput();
                await using (input.ConfigureAwait(false))
                {
                    var output = context.OpenStandardOutput();
                    await using (output.ConfigureAwait(false))
                    {
                        await ServeAsync(provider, input, output, maxLineBytes, context.Tasks, ct).ConfigureAwait(false);
                    }
                }

                return 0;
            }
            finally
            {
                provider.Dispose();
            }
        });
        return command;
    }

    /// <summary>Serves the tools over a pair of streams until the input ends or the token is cancelled.</summary>
    /// <param name="provider">Gives the pipelines.</param>
    /// <param name="input">JSON-RPC from the client.</param>
    /// <param name="output">JSON-RPC to the client.</param>
    /// <param name="maxLineBytes">The longest message (line) read; a longer one is skipped and answered with an error.</param>
    /// <param name="tasks">The tasks offered as tools; null for the built-in ones.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that ends with the session.</returns>
    public static async Task ServeAsync(IPipelineProvider provider, Stream input, Stream output, long maxLineBytes = McpLineTooLong.DefaultMaxLineBytes, PipelineTaskCatalog? tasks = null, CancellationToken cancellationToken = default)
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var function in McpToolFunction.Wrap(HfPipelinesAIFunctions.Create(provider, new HfPipelinesOptions { TaskCatalog = tasks ?? PipelineTaskCatalog.Default })))
        {
            tools.Add(McpServerTool.Create(function, new McpServerToolCreateOptions
            {
                SerializerOptions = CompactJson,
                ReadOnly = true,
                Destructive = false,
                OpenWorld = false,
            }));
        }

        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "hfp", Version = typeof(McpCommand).Assembly.GetName().Version?.ToString() ?? "1.0.0" },
            ToolCollection = tools,
            ServerInstructions = "Hugging Face pipeline tasks run locally: transcribe audio files, summarize, translate, classify texts and images, find entities, answer questions about a text.",
        };
        options.Filters.Message.IncomingFilters.Add(McpUnreadableTextFilter.Create());
        var lines = new McpLineWriterStream(output);
        var limited = new McpLineLimitStream(input, maxLineBytes, (head, ct) => lines.WriteLineAsync(McpLineTooLong.Answer(head, maxLineBytes), ct));
        var transport = new StreamServerTransport(limited, lines, "hfp");
        await using (transport.ConfigureAwait(false))
        {
            var server = McpServer.Create(transport, options);
            await using (server.ConfigureAwait(false))
            {
                await server.RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
