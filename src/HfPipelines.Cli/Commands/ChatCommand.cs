using System.CommandLine;
using System.Text.Json;
using HfPipelines.SemanticKernel.Agents;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp chat [--model REF | --endpoint URL] [--prompt TEXT]</c>: chat with the agent, showing each tool call and result.</summary>
internal static class ChatCommand
{
    /// <summary>The agent's system prompt shipped next to hfp (prompts/agent-system.md), or null when absent.</summary>
    public static string? DefaultSystemPrompt()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "prompts", "agent-system.md");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public static Command Create(CliContext context)
    {
        var model = new Option<string?>("--model", "-m") { Description = "The chat model (a model reference); default: the configured local model." };
        var endpoint = new Option<string?>("--endpoint") { Description = "An OpenAI-compatible chat endpoint URL instead of a local model." };
        var prompt = new Option<string?>("--prompt", "-p") { Description = "Ask one question and exit." };
        var system = new Option<FileInfo?>("--system") { Description = "A system prompt file instead of prompts/agent-system.md." };
        var template = ChatTemplateOption.Create();
        var command = new Command("chat", "Chat with an agent that runs the pipeline tasks as tools.") { model, endpoint, prompt, system, template };
        command.SetAction(async (parse, ct) =>
        {
            var systemFile = parse.GetValue(system);
            var systemPrompt = systemFile is null ? DefaultSystemPrompt() : await HfPipelinesAgent.LoadSystemPromptAsync(systemFile.FullName, ct).ConfigureAwait(false);
            using var chat = await context.CreateChatClientAsync(parse.GetValue(model), parse.GetValue(endpoint), parse.GetValue(template), ct).ConfigureAwait(false);
            var provider = context.CreatePipelineProvider();
            try
            {
                var agent = HfPipelinesAgent.Create(chat, provider, options: new HfPipelinesAgentOptions { SystemPrompt = systemPrompt });
                if (parse.GetValue(prompt) is { } single)
                {
                    await TurnAsync(context, agent, single, ct).ConfigureAwait(false);
                    return 0;
                }

                await context.Out.WriteLineAsync("hfp chat: type a request, or 'exit' to leave.").ConfigureAwait(false);
                while (true)
                {
                    await context.Out.WriteAsync("> ").ConfigureAwait(false);
                    var line = await context.In.ReadLineAsync(ct).ConfigureAwait(false);
                    if (line is null || line.Trim() is "exit" or "quit" or "/exit")
                    {
                        return 0;
                    }

                    if (line.Trim().Length > 0)
                    {
                        await InteractiveTurnAsync(context, agent, line, ct).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                provider.Dispose();
            }
        });
        return command;
    }

    /// <summary>One turn of the interactive loop: a failed turn is reported and the conversation goes on.</summary>
    private static async Task InteractiveTurnAsync(CliContext context, HfPipelinesAgent agent, string message, CancellationToken cancellationToken)
    {
        try
        {
            await TurnAsync(context, agent, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HfPipelinesException or HttpRequestException)
        {
            await context.Error.WriteLineAsync($"hfp: {ex.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
        }
    }

    private static async Task TurnAsync(CliContext context, HfPipelinesAgent agent, string message, CancellationToken cancellationToken)
    {
        var midLine = false;
        await foreach (var e in agent.RunStreamingAsync(message, cancellationToken).ConfigureAwait(false))
        {
            var line = e.Kind switch
            {
                AgentEventKind.ToolCall => $"-> {e.ToolName} {JsonSerializer.Serialize(e.Arguments)}",
                AgentEventKind.ToolResult => e.Error is null ? $"<- {e.ToolName} {e.Result}" : $"<- {e.ToolName} failed: {e.Error}",
                _ => null,
            };
            if (line is not null)
            {
                await context.Out.WriteLineAsync(midLine ? Environment.NewLine + line : line).ConfigureAwait(false);
                midLine = false;
            }
            else if (e.Kind == AgentEventKind.Text)
            {
                await context.Out.WriteAsync(e.Text).ConfigureAwait(false);
                midLine = true;
            }
        }

        await context.Out.WriteLineAsync().ConfigureAwait(false);
    }
}
