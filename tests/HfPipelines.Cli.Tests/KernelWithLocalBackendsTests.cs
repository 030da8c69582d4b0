using HfPipelines.LlamaCpp;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel;
using HfPipelines.SemanticKernel.Agents;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// A Semantic Kernel app with nothing but <c>Kernel.CreateBuilder()</c>, the plugins and the llama.cpp backend
/// registration reaches a local GGUF model: the Generation plugin generates on it, and the agent (the registered
/// <see cref="IChatClient"/> over the same file) makes a tool call through it. No CLI code is involved.
/// </summary>
public class KernelWithLocalBackendsTests
{
    private const string Stories = "gguf/stories260K/stories260K.gguf";
    private const string Qwen = "chat-templates/Qwen-Qwen2.5-7B-Instruct.jinja";

    [FixtureFact(Stories)]
    public async Task GenerationPlugin_GgufModelWithAddLlamaCpp_GeneratesTheGreedyStory()
    {
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddHfPipelines(o => o.Models[PipelineTasks.TextGeneration] = TestFixtures.PathOf(Stories));
        builder.Services.AddLlamaCpp(o => o.Threads = 1);
        var kernel = builder.Build();

        var result = await kernel.InvokeAsync(
            HfPipelinesPlugins.GenerationPluginName,
            "generate",
            new KernelArguments { ["prompt"] = "Once upon a time", ["maxNewTokens"] = 12 });

        // The fixture's known greedy continuation (see shared/fixtures/README.md).
        Assert.StartsWith(", there was a little girl named Lily", result.GetValue<TextGenerationResult>()!.GeneratedText, StringComparison.Ordinal);
        kernel.Services.GetRequiredService<IPipelineProvider>().Dispose();
    }

    [FixtureFact(Stories)]
    public async Task AddHfPipelines_WithoutBackendRegistration_SaysWhichBackendToAdd()
    {
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddHfPipelines(o => o.Models[PipelineTasks.TextGeneration] = TestFixtures.PathOf(Stories));
        var kernel = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => kernel.InvokeAsync(
            HfPipelinesPlugins.GenerationPluginName, "generate", new KernelArguments { ["prompt"] = "Once upon a time" }));

        Assert.Contains("AddLlamaCpp()", Flatten(error), StringComparison.Ordinal);
        kernel.Services.GetRequiredService<IPipelineProvider>().Dispose();
    }

    [FixtureFact(Stories, Qwen)]
    public async Task Agent_ChatModelFromOptions_CallsAPluginToolOnTheGguf()
    {
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddHfPipelines(o =>
        {
            o.Tasks.Add(PipelineTasks.ZeroShotClassification);
            o.ChatModel = TestFixtures.PathOf(Stories);
        });
        builder.Services.AddLlamaCpp(o =>
        {
            o.Threads = 1;
            o.ChatTemplate = File.ReadAllText(TestFixtures.PathOf(Qwen));
        });
        var kernel = builder.Build();
        using var chat = kernel.Services.GetRequiredService<IChatClient>();
        using var provider = kernel.Services.GetRequiredService<IPipelineProvider>();
        var agent = new HfPipelinesAgent(chat, HfPipelinesAIFunctions.Create(kernel.Services), new HfPipelinesAgentOptions
        {
            ToolMode = ChatToolMode.RequireAny,
            MaxToolRoundTrips = 1,
            MaxOutputTokens = 400,
        });

        var events = new List<AgentEvent>();
        await foreach (var e in agent.RunStreamingAsync("Is 'refund my invoice' about billing or sales?"))
        {
            events.Add(e);
        }

        var call = Assert.Single(events, e => e.Kind == AgentEventKind.ToolCall);
        Assert.Equal("Classification_classify_zero_shot", call.ToolName);
        Assert.Single(events, e => e.Kind == AgentEventKind.ToolResult);
        Assert.Equal(AgentEventKind.Completed, events[^1].Kind);
    }

    private static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);
}
