using System.ComponentModel;
using System.Text.Json;
using HfPipelines.Testing;
using Microsoft.Extensions.AI;

namespace HfPipelines.OnnxGenAI.Tests;

public sealed class OnnxGenAIToolCallingTests
{
    private const string Llama = "ortgenai/tiny-random-LlamaForCausalLM-fp16";
    private const string Qwen = "chat-templates/Qwen-Qwen2.5-7B-Instruct.jinja";

    private static ChatMessage[] Question => [new(ChatRole.User, "What is the weather in Paris?")];

    private static OnnxGenAIChatClient Load(bool qwenTemplate) => OnnxGenAIChatClient.Load(
        TestFixtures.PathOf(Llama),
        new OnnxGenAIModelOptions { Threads = 1, ChatTemplate = qwenTemplate ? File.ReadAllText(TestFixtures.PathOf(Qwen)) : null });

    private static AIFunction Weather(List<string>? cities = null) => AIFunctionFactory.Create(
        ([Description("The city")] string city, [Description("Days ahead")] int days) =>
        {
            cities?.Add(city);
            return $"Sunny in {city}";
        },
        "get_weather",
        "Gets the weather.");

    [FixtureFact(Llama)]
    public async Task GetResponse_OwnLlama2Template_ReturnsText()
    {
        using var client = Load(qwenTemplate: false);
        var response = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 8 });
        Assert.NotEmpty(response.Text);
        Assert.True(response.Usage?.InputTokenCount > 5);
    }

    [FixtureFact(Llama, Qwen)]
    public async Task GetResponse_RequireAnyFiveSeeds_CallsMatchSchema()
    {
        using var client = Load(qwenTemplate: true);
        var weather = Weather();
        for (var seed = 0; seed < 5; seed++)
        {
            var options = new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 120, Temperature = 1f, Seed = seed };
            var response = await client.GetResponseAsync(Question, options);
            var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
            Assert.Equal("get_weather", call.Name);
            Assert.Equal(JsonValueKind.String, ((JsonElement)call.Arguments!["city"]!).ValueKind);
            Assert.Equal(JsonValueKind.Number, ((JsonElement)call.Arguments!["days"]!).ValueKind);
        }
    }

    [FixtureFact(Llama, Qwen)]
    public async Task FunctionInvocation_RoundTrip_RunsToolAndKeepsResult()
    {
        var cities = new List<string>();
        using var inner = Load(qwenTemplate: true);
        using var client = new ChatClientBuilder(inner).UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 2).Build();
        var response = await client.GetResponseAsync(Question, new ChatOptions { Tools = [Weather(cities)], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 60, Temperature = 1f, Seed = 1 });
        Assert.NotEmpty(cities);
        var result = response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().First();
        Assert.Equal($"Sunny in {cities[0]}", result.Result?.ToString());
    }

    [FixtureFact(Llama)]
    public async Task GetResponse_JsonSchemaFormat_ReturnsMatchingJson()
    {
        using var client = Load(qwenTemplate: false);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"ok":{"type":"boolean"},"n":{"type":"integer"}},"required":["ok","n"]}""").RootElement;
        var response = await client.GetResponseAsync(Question, new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "r"), MaxOutputTokens = 40, Temperature = 1f, Seed = 2 });
        using var json = JsonDocument.Parse(response.Text);
        Assert.True(json.RootElement.GetProperty("ok").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.True(json.RootElement.GetProperty("n").TryGetInt64(out _));
    }
}
