// A terminal chat with the orchestrating agent: it calls the pipeline tasks as tools and shows each call.
// Usage: dotnet run --project examples/AgentChat -- MODEL.gguf   (a local GGUF chat model with a chat template)
//    or: dotnet run --project examples/AgentChat -- http://127.0.0.1:8080/v1 [model]   (any OpenAI-compatible server)
using HfPipelines;
using HfPipelines.LlamaCpp;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using HfPipelines.SemanticKernel;
using HfPipelines.SemanticKernel.Agents;
using Microsoft.Extensions.AI;

using var chat = CreateChatClient(args);
using var pipelines = Pipeline.CreateProvider();
var agent = new HfPipelinesAgent(
    chat,
    HfPipelinesAIFunctions.Create(pipelines),
    new HfPipelinesAgentOptions { SystemPrompt = "You run Hugging Face pipeline tasks through tools. Chain them when asked." });

Console.Write("> ");
while (Console.ReadLine() is { Length: > 0 } line)
{
    await foreach (var e in agent.RunStreamingAsync(line).ConfigureAwait(false))
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

    Console.Write($"{Environment.NewLine}> ");
}

static IChatClient CreateChatClient(string[] args) => args switch
{
    [var url, ..] when url.StartsWith("http", StringComparison.OrdinalIgnoreCase) => new RemoteChatClient(
        RemoteInferenceOptions.ForEndpoint(new Uri(url), RemoteEndpointKind.OpenAICompatible), args.Length > 1 ? args[1] : null),
    [var gguf, ..] => LlamaCppChatClient.Load(gguf),
    _ => throw new HfPipelinesException("Pass a GGUF chat model path or the URL of an OpenAI-compatible server."),
};
