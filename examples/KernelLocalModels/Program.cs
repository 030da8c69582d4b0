// A plain Semantic Kernel console app on a local GGUF model: the plugins, the llama.cpp backend registration, and
// nothing else. It generates text with the Generation plugin, then lets the agent call a plugin tool.
// Usage: dotnet run --project examples/KernelLocalModels -- [MODEL.gguf] [CHAT_TEMPLATE.jinja]
// Offline on the fixtures: the defaults are ../shared/fixtures/gguf/stories260K/stories260K.gguf and the Qwen2.5 template.
using HfPipelines;
using HfPipelines.LlamaCpp;
using HfPipelines.SemanticKernel;
using HfPipelines.SemanticKernel.Agents;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

var fixtures = Environment.GetEnvironmentVariable("HFP_FIXTURES") ?? Path.Combine("..", "shared", "fixtures");
var model = args.Length > 0 ? args[0] : Path.Combine(fixtures, "gguf", "stories260K", "stories260K.gguf");
var template = args.Length > 1 ? args[1] : Path.Combine(fixtures, "chat-templates", "Qwen-Qwen2.5-7B-Instruct.jinja");
foreach (var file in new[] { model, template })
{
    if (!File.Exists(file))
    {
        Console.Error.WriteLine($"error: '{file}' does not exist. Pass a GGUF model and a chat template: dotnet run --project examples/KernelLocalModels -- MODEL.gguf TEMPLATE.jinja");
        return 2;
    }
}

try
{
    var builder = Kernel.CreateBuilder();
    builder.Plugins.AddHfPipelines(o =>
    {
        o.Models[PipelineTasks.TextGeneration] = model;   // any model reference: a .gguf path, org/name:file.gguf, a GenAI folder
        o.ChatModel = model;                               // the agent's chat model (registered as IChatClient)
        o.Tasks.Add(PipelineTasks.TextGeneration);
        o.Tasks.Add(PipelineTasks.ZeroShotClassification); // on the embedded all-MiniLM-L6-v2
    });
    builder.Services.AddLlamaCpp(o => o.ChatTemplate = File.ReadAllText(template)); // the GGUF has no chat template of its own
    var kernel = builder.Build();

    var story = await kernel.InvokeAsync(HfPipelinesPlugins.GenerationPluginName, "generate",
        new KernelArguments { ["prompt"] = "Once upon a time", ["maxNewTokens"] = 16 }).ConfigureAwait(false);
    Console.WriteLine($"generate: Once upon a time{story.GetValue<TextGenerationResult>()!.GeneratedText}");

    using var chat = kernel.Services.GetRequiredService<IChatClient>();
    var agent = new HfPipelinesAgent(chat, HfPipelinesAIFunctions.Create(kernel.Services), new HfPipelinesAgentOptions
    {
        ToolMode = ChatToolMode.RequireAny, // a tiny story model would not choose a tool by itself
        MaxToolRoundTrips = 1,
        MaxOutputTokens = 400,
    });
    await foreach (var e in agent.RunStreamingAsync("Is 'please refund my invoice' about billing or sales?").ConfigureAwait(false))
    {
        if (e.Kind == AgentEventKind.ToolCall)
        {
            Console.WriteLine($"agent called: {e.ToolName}");
        }
        else if (e.Kind == AgentEventKind.ToolResult)
        {
            Console.WriteLine($"tool answered: {e.Result ?? e.Error}");
        }
    }

    return 0;
}
catch (HfPipelinesException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
