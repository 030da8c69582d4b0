using HfPipelines.LlamaCpp;
using HfPipelines.SemanticKernel;
using HfPipelines.SemanticKernel.Agents;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// The orchestrating agent on a real local model: stories260K (tiny, real weights) with the Qwen2.5 chat template,
/// the plugin tools in the prompt, and grammar-constrained decoding. The model's words are gibberish, but the call
/// must be valid JSON for the tool's schema, and the tool must run.
/// </summary>
public class AgentOnLocalGgufTests
{
    private const string Stories = "gguf/stories260K/stories260K.gguf";
    private const string Qwen = "chat-templates/Qwen-Qwen2.5-7B-Instruct.jinja";

    [FixtureFact(Stories, Qwen)]
    public async Task Agent_RequiredToolOnStories260K_CallsThePluginAndGetsItsResult()
    {
        using var chat = LlamaCppChatClient.Load(
            TestFixtures.PathOf(Stories),
            new LlamaCppModelOptions { Threads = 1, ContextSize = 2048, ChatTemplate = File.ReadAllText(TestFixtures.PathOf(Qwen)) });
        var provider = new CliFakeProvider();
        var pipelines = new HfPipelinesOptions();
        pipelines.Tasks.Add(PipelineTasks.Summarization);
        var agent = HfPipelinesAgent.Create(chat, provider, pipelines, new HfPipelinesAgentOptions
        {
            ToolMode = ChatToolMode.RequireAny,
            MaxToolRoundTrips = 2,
            MaxOutputTokens = 200,
        });

        var events = new List<AgentEvent>();
        await foreach (var e in agent.RunStreamingAsync("Summarize this: the council approved the budget on Monday."))
        {
            events.Add(e);
        }

        var call = Assert.Single(events, e => e.Kind == AgentEventKind.ToolCall);
        Assert.Equal("Language_summarize", call.ToolName);
        var result = Assert.Single(events, e => e.Kind == AgentEventKind.ToolResult);
        Assert.Null(result.Error);
        Assert.Contains("summary of:", result.Result);
        Assert.Equal(AgentEventKind.Completed, events[^1].Kind);
    }

    [FixtureFact(Stories, Qwen)]
    public async Task SemanticKernel_AutoInvocationOnLocalGguf_CallsTestPluginAndKeepsItsResult()
    {
        using var chat = LlamaCppChatClient.Load(
            TestFixtures.PathOf(Stories),
            new LlamaCppModelOptions { Threads = 1, ContextSize = 2048, ChatTemplate = File.ReadAllText(TestFixtures.PathOf(Qwen)) });
        var plugin = new WeatherPlugin();
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddFromObject(plugin, "Weather");
        var kernel = builder.Build();
        using var client = new ChatClientBuilder(chat).UseKernelFunctionInvocation().Build();
        var service = client.AsChatCompletionService();
        var history = new ChatHistory();
        history.AddUserMessage("What is the weather in Paris?");
        var settings = new PromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Required(),
            ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 200 },
        };

        await service.GetChatMessageContentAsync(history, settings, kernel);

        var city = Assert.Single(plugin.Cities);
        Assert.InRange(city.Length, 0, 64);
        var result = history.SelectMany(m => m.Items).OfType<Microsoft.SemanticKernel.FunctionResultContent>().First();
        Assert.Equal($"Sunny in {city}", result.Result?.ToString());
    }

    private sealed class WeatherPlugin
    {
        public List<string> Cities { get; } = [];

        [KernelFunction("get_weather"), Description("Gets the weather for a city.")]
        public string GetWeather([Description("The city")] string city)
        {
            Cities.Add(city);
            return $"Sunny in {city}";
        }
    }
}
