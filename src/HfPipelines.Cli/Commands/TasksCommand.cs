using System.CommandLine;
using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp tasks</c>: lists the pipeline tasks with their aliases.</summary>
internal static class TasksCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("tasks", "List the pipeline tasks and their aliases.") { json };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(context.Tasks.All.Select(t => new { task = t.Name, aliases = t.Aliases, input = t.Input.ToString().ToLowerInvariant() }))).ConfigureAwait(false);
                return 0;
            }

            foreach (var task in context.Tasks.All)
            {
                var aliases = task.Aliases.Count == 0 ? string.Empty : $" ({string.Join(", ", task.Aliases)})";
                await context.Out.WriteLineAsync($"{task.Name}{aliases}: {task.Description}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
