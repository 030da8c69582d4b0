using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace HfPipelines.SemanticKernel.Agents;

/// <summary>
/// A chat agent whose tools are the HfPipelines plugin functions, running on any <see cref="IChatClient"/>: the
/// client is wrapped with function invocation, so the model chains tasks (transcribe, then summarize, then
/// translate ...) within one turn. Keeps the conversation. Not thread-safe: one turn at a time.
/// The chat client is borrowed: the agent never disposes it.
/// </summary>
public sealed class HfPipelinesAgent
{
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    private readonly IChatClient _client;
    private readonly ChatOptions _chatOptions;
    private readonly List<ChatMessage> _history = [];

    /// <summary>Creates the agent.</summary>
    /// <param name="chatClient">The model (local or remote); borrowed.</param>
    /// <param name="tools">The tools, e.g. <see cref="HfPipelinesAIFunctions.Create(Pipelines.IPipelineProvider, HfPipelinesOptions?)"/>.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    public HfPipelinesAgent(IChatClient chatClient, IEnumerable<AITool> tools, HfPipelinesAgentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        ArgumentNullException.ThrowIfNull(tools);
        options ??= new HfPipelinesAgentOptions();
        options.Validate();
        _client = new ChatClientBuilder(chatClient)
            .UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = options.MaxToolRoundTrips)
            .Build();
        _chatOptions = new ChatOptions { Tools = [.. tools], ToolMode = options.ToolMode, MaxOutputTokens = options.MaxOutputTokens };
        if (!string.IsNullOrWhiteSpace(options.SystemPrompt))
        {
            _history.Add(new ChatMessage(ChatRole.System, options.SystemPrompt));
        }
    }

    /// <summary>Creates an agent whose tools are every enabled task of a pipeline provider.</summary>
    /// <param name="chatClient">The model (local or remote); borrowed.</param>
    /// <param name="provider">Gives the pipelines the tools run.</param>
    /// <param name="pipelines">Tasks and models; null for every task with default models.</param>
    /// <param name="options">Agent settings; null for the defaults.</param>
    /// <returns>The agent.</returns>
    public static HfPipelinesAgent Create(IChatClient chatClient, Pipelines.IPipelineProvider provider, HfPipelinesOptions? pipelines = null, HfPipelinesAgentOptions? options = null) =>
        new(chatClient, HfPipelinesAIFunctions.Create(provider, pipelines), options);

    /// <summary>The conversation so far (system prompt, user turns, tool calls and results, answers).</summary>
    public IReadOnlyList<ChatMessage> History => _history;

    /// <summary>Reads a system prompt file (e.g. <c>prompts/agent-system.md</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The prompt text.</returns>
    /// <exception cref="HfPipelinesException">The file does not exist.</exception>
    public static async Task<string> LoadSystemPromptAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new HfPipelinesException($"The system prompt file '{path}' does not exist. Pass the path of prompts/agent-system.md (it ships next to hfp).");
        }

        return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one user turn and returns the final answer.</summary>
    /// <param name="message">The user's message.</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    /// <returns>The assistant's final answer.</returns>
    public async Task<string> RunAsync(string message, CancellationToken cancellationToken = default)
    {
        var answer = string.Empty;
        await foreach (var e in RunStreamingAsync(message, cancellationToken).ConfigureAwait(false))
        {
            if (e.Kind == AgentEventKind.Completed)
            {
                answer = e.Text ?? string.Empty;
            }
        }

        return answer;
    }

    /// <summary>Runs one user turn, reporting text, tool calls and tool results as they happen; ends with <see cref="AgentEventKind.Completed"/>.</summary>
    /// <param name="message">The user's message.</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    /// <returns>The events.</returns>
    public async IAsyncEnumerable<AgentEvent> RunStreamingAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        var turnStart = _history.Count;
        _history.Add(new ChatMessage(ChatRole.User, message));
        var updates = new List<ChatResponseUpdate>();
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var answer = new StringBuilder();
        var completed = false;
        try
        {
            await foreach (var update in _client.GetStreamingResponseAsync(_history, _chatOptions, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
                foreach (var content in update.Contents)
                {
                    var e = ToEvent(content, toolNames, answer);
                    if (e is not null)
                    {
                        yield return e;
                    }
                }
            }

            _history.AddMessages(updates);
            completed = true;
        }
        finally
        {
            // A failed or abandoned turn leaves no half turn behind: the next one starts from a clean history.
            if (!completed)
            {
                _history.RemoveRange(turnStart, _history.Count - turnStart);
            }
        }

        yield return new AgentEvent(AgentEventKind.Completed) { Text = answer.ToString() };
    }

    private static AgentEvent? ToEvent(AIContent content, Dictionary<string, string> toolNames, StringBuilder answer)
    {
        switch (content)
        {
            case FunctionCallContent call:
                toolNames[call.CallId] = call.Name;
                answer.Clear();
                return new AgentEvent(AgentEventKind.ToolCall)
                {
                    ToolName = call.Name,
                    CallId = call.CallId,
                    Arguments = call.Arguments is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(call.Arguments),
                };
            case FunctionResultContent result:
                return new AgentEvent(AgentEventKind.ToolResult)
                {
                    ToolName = toolNames.GetValueOrDefault(result.CallId),
                    CallId = result.CallId,
                    Result = result.Exception is null ? ToJson(result.Result) : null,
                    Error = result.Exception?.Message,
                };
            case TextContent text when !string.IsNullOrEmpty(text.Text):
                answer.Append(text.Text);
                return new AgentEvent(AgentEventKind.Text) { Text = text.Text };
            default:
                return null;
        }
    }

    private static string ToJson(object? result) => result switch
    {
        null => "null",
        string s => s,
        JsonElement element => JsonSerializer.Serialize(element, CompactJson),
        _ => JsonSerializer.Serialize(result, CompactJson),
    };
}
