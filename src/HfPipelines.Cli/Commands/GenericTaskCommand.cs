using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;

namespace HfPipelines.Cli.Commands;

/// <summary>
/// The command of a task that has no hand-written one, made from its descriptor: <c>hfp TASK INPUT... [--ARG VALUE]</c>
/// with one kebab-case option per argument (<c>candidate_labels</c> is <c>--candidate-labels</c>), the shared
/// <c>--model</c>/<c>--backend</c>/<c>--endpoint</c> options, and the result printed as JSON with Python's keys.
/// </summary>
internal static class GenericTaskCommand
{
    public static Command Create(CliContext context, PipelineTask task)
    {
        var shared = new TaskCommandOptions();
        var inputArguments = task.Arguments.Where(a => a.IsInput).ToList();
        var first = inputArguments.FirstOrDefault();
        var inputs = new Argument<string[]>("inputs")
        {
            Description = first is null ? "The inputs." : $"{first.Description} Several values run one after the other; - reads standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var options = task.Arguments.Where(a => a != first).ToDictionary(
            a => a,
            a => new Option<string?>("--" + a.Name.Replace('_', '-')) { Description = a.Description });
        var command = new Command(task.Name, task.Description) { inputs };
        foreach (var alias in task.Aliases)
        {
            command.Aliases.Add(alias);
        }

        foreach (var option in options.Values)
        {
            command.Options.Add(option);
        }

        shared.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var values = await TaskCommandOptions.ReadInputsAsync(context, parse.GetValue(inputs), ct).ConfigureAwait(false);
            var named = options.Where(o => parse.GetValue(o.Value) is not null)
                .ToDictionary(o => o.Key.Name, o => (JsonNode?)JsonValue.Create(parse.GetValue(o.Value)), StringComparer.Ordinal);
            var calls = first is null || values.Length == 0
                ? [named]
                : values.Select(v => new Dictionary<string, JsonNode?>(named, StringComparer.Ordinal) { [first.Name] = JsonValue.Create(v) }).ToList();
            foreach (var call in calls)
            {
                // Every argument is checked before a model loads.
                task.ToRequest(call);
            }

            return await shared.RunAsync(context, parse, async (provider, model) =>
            {
                var results = new List<object?>();
                foreach (var call in calls)
                {
                    results.Add(await task.RunArgumentsAsync(provider, model, call, ct).ConfigureAwait(false));
                }

                await context.Out.WriteLineAsync(results.Count == 1 ? JsonSerializer.Serialize(results[0]) : JsonSerializer.Serialize(results)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        });
        return command;
    }
}
