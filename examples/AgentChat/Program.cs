// A terminal chat with the orchestrating agent: it calls the pipeline tasks as tools and shows each call.
// Usage: dotnet run --project examples/AgentChat -- MODEL.gguf [--chat-template FILE|chatml|llama3|phi3] [--prompt TEXT]
//    or: dotnet run --project examples/AgentChat -- http://127.0.0.1:8080/v1 [MODEL-NAME] [--prompt TEXT]
// Offline on the fixtures (see README.md): the tiny stories260K GGUF has no chat template, so name one.
using HfPipelines;
using HfPipelines.ChatTemplates;
using HfPipelines.LlamaCpp;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using HfPipelines.SemanticKernel;
using HfPipelines.SemanticKernel.Agents;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;
using HfPipelines.Composition;

const string Usage = "usage: AgentChat MODEL.gguf [--chat-template FILE|chatml|llama3|phi3] [--prompt TEXT] | AgentChat URL [MODEL-NAME] [--prompt TEXT]";
try
{
    var (target, extra, template, prompt) = ParseArguments(args);
    using var chat = CreateChatClient(target, extra, template);
    using var pipelines = Pipeline.CreateProvider();

    // The tasks the embedded all-MiniLM-L6-v2 serves offline; a small tool list also fits a small model's context.
    var tasks = new HfPipelinesOptions();
    foreach (var task in (string[])[PipelineTasks.ZeroShotClassification, PipelineTasks.Summarization, PipelineTasks.SentenceSimilarity])
    {
        tasks.Tasks.Add(task);
    }

    var agent = new HfPipelinesAgent(
        chat,
        HfPipelinesAIFunctions.Create(pipelines, tasks),
        new HfPipelinesAgentOptions { SystemPrompt = "You run Hugging Face pipeline tasks through tools. Chain them when asked.", MaxOutputTokens = 64 });
    if (prompt is not null)
    {
        await TurnAsync(agent, prompt).ConfigureAwait(false);
        return 0;
    }

    Console.Write("> ");
    while (Console.ReadLine() is { Length: > 0 } line)
    {
        await TurnAsync(agent, line).ConfigureAwait(false);
        Console.Write("> ");
    }

    return 0;
}
catch (Exception ex) when (ex is HfPipelinesException or ArgumentException or IOException or HttpRequestException)
{
    Console.Error.WriteLine($"AgentChat: {ex.Message.ReplaceLineEndings(" ")}");
    return ex is ArgumentException ? 2 : 1;
}

static async Task TurnAsync(HfPipelinesAgent agent, string message)
{
    await foreach (var e in agent.RunStreamingAsync(message).ConfigureAwait(false))
    {
        switch (e.Kind)
        {
            case AgentEventKind.ToolCall:
                Console.WriteLine($"-> {e.ToolName}");
                break;
            case AgentEventKind.ToolResult:
                Console.WriteLine($"<- {e.Result ?? e.Error}");
                break;
            case AgentEventKind.Text:
                Console.Write(e.Text);
                break;
        }
    }

    Console.WriteLine();
}

static (string Target, string? Extra, string? Template, string? Prompt) ParseArguments(string[] args)
{
    var (positional, template, prompt) = (new List<string>(), (string?)null, (string?)null);
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--chat-template" when i + 1 < args.Length:
                template = args[++i];
                break;
            case "--prompt" or "-p" when i + 1 < args.Length:
                prompt = args[++i];
                break;
            case var flag when flag.StartsWith('-'):
                throw new ArgumentException($"unknown or incomplete option '{flag}'. {Usage}");
            default:
                positional.Add(args[i]);
                break;
        }
    }

    return positional.Count is 1 or 2
        ? (positional[0], positional.Count == 2 ? positional[1] : null, template, prompt)
        : throw new ArgumentException($"pass a GGUF chat model path or the URL of an OpenAI-compatible server. {Usage}");
}

static IChatClient CreateChatClient(string target, string? modelName, string? template)
{
    if (target.StartsWith("http", StringComparison.OrdinalIgnoreCase))
    {
        return template is null
            ? new RemoteChatClient(RemoteInferenceOptions.ForEndpoint(RemoteInferenceOptions.ParseUrl(target, "URL"), RemoteEndpointKind.OpenAICompatible), modelName)
            : throw new ArgumentException("--chat-template applies to a local GGUF; a server formats chat with its own template.");
    }

    if (modelName is not null)
    {
        throw new ArgumentException($"unexpected argument '{modelName}' after a GGUF path. {Usage}");
    }

    return LlamaCppChatClient.Load(target, new LlamaCppModelOptions { ChatTemplate = template is null ? null : KnownChatTemplates.Resolve(template) });
}
