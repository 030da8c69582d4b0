// A terminal chat with the orchestrating agent: it calls the pipeline tasks as tools and shows each call.
// Running it needs a chat model and the real pipeline provider: replace the two Create methods below.
using HfPipelines;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel;
using HfPipelines.SemanticKernel.Agents;
using Microsoft.Extensions.AI;

using var chat = CreateChatClient();
var agent = new HfPipelinesAgent(
    chat,
    HfPipelinesAIFunctions.Create(CreatePipelineProvider()),
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

static IChatClient CreateChatClient() =>
    throw new HfPipelinesException("Wire a chat model here: a local GGUF / ONNX GenAI chat client or an OpenAI-compatible endpoint.");

static IPipelineProvider CreatePipelineProvider() =>
    throw new HfPipelinesException("Wire the HfPipelines pipeline provider here (the application's IPipelineProvider).");
