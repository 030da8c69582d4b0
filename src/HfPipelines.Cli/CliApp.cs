using System.CommandLine;
using HfPipelines.Cli.Commands;

namespace HfPipelines.Cli;

/// <summary>Builds the <c>hfp</c> command tree and runs it; errors become one line on stderr and a non-zero exit.</summary>
internal static class CliApp
{
    /// <summary><c>--verbose</c>, on every command: the native libraries' log lines (llama.cpp, whisper.cpp, ONNX Runtime) on stderr.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the native libraries' log lines (llama.cpp, whisper.cpp, ONNX Runtime) on stderr.",
        Recursive = true,
    };

    /// <summary>Every command of <c>hfp</c>. A new command is one file in Commands/ plus one line here; a new task needs
    /// none: a task with no hand-written command gets a generic one from its descriptor.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("hfp: Hugging Face pipeline tasks for .NET, run locally or remotely.") { Verbose };
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(TasksCommand.Create(context));
        root.Subcommands.Add(ModelsCommand.Create(context));
        foreach (var command in EncoderTaskCommands.CreateAll(context))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(ImageClassificationCommand.Create(context));
        root.Subcommands.Add(SummarizationCommand.Create(context));
        root.Subcommands.Add(TranslationCommand.Create(context));
        root.Subcommands.Add(SpeechRecognitionCommand.Create(context));
        root.Subcommands.Add(WorkflowCommand.Create(context));
        root.Subcommands.Add(ChatCommand.Create(context));
        root.Subcommands.Add(McpCommand.Create(context));
        root.Subcommands.Add(TextGenerationCommand.Create(context));
        root.Subcommands.Add(ChatTemplateCommand.Create(context));
        root.Subcommands.Add(TokenizeCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        foreach (var task in context.Tasks.All.Where(t => !root.Subcommands.Any(c => t.Answers(c.Name) || c.Name == t.Name)))
        {
            root.Subcommands.Add(GenericTaskCommand.Create(context, task));
        }

        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext(stdout, stderr), cancellationToken);

    /// <summary>Runs <c>hfp</c> with a given context (tests replace its seams: pipeline provider, chat model, standard streams).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var (stdout, stderr) = (context.Out, context.Error);
        var root = BuildRoot(context);
        var parsed = root.Parse(TranslationCommand.RewritePairAlias(args));
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        if (ServeCommand.HandlesTermination(parsed))
        {
            config.ProcessTerminationTimeout = null;
        }

        var verbose = parsed.GetValue(Verbose);
        if (verbose)
        {
            HfPipelines.Diagnostics.NativeLogging.Route(new StderrLogger(stderr));
        }

        try
        {
            if (parsed.Errors.Count > 0 && args.Length > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
            {
                await stderr.WriteLineAsync(ParseErrorLine.Describe(parsed, root)).ConfigureAwait(false);
                return 1;
            }

            return await parsed.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("hfp: cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (HfPipelinesException ex)
        {
            await stderr.WriteLineAsync($"hfp: {OneLine(ex.Message)}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or FormatException)
        {
            await stderr.WriteLineAsync($"hfp: {OneLine(ex.Message)}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (verbose)
            {
                HfPipelines.Diagnostics.NativeLogging.Route(null);
            }
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
