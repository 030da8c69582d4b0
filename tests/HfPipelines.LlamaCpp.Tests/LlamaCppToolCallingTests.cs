using System.Text.Json;
using HfPipelines.Testing;
using Microsoft.Extensions.AI;

namespace HfPipelines.LlamaCpp.Tests;

public sealed class LlamaCppToolCallingTests
{
    private static LlamaCppChatClient Load(string model) => LlamaCppChatClient.Load(
        TestFixtures.PathOf(model),
        new LlamaCppModelOptions { Threads = 1, ContextSize = 2048, ChatTemplate = File.ReadAllText(TestFixtures.PathOf(TestTools.QwenTemplatePath)) });

    private static ChatMessage[] Question => [new(ChatRole.User, "What is the weather in Paris for the next 2 days?")];

    [FixtureTheory(TestTools.StoriesPath, TestTools.RandomLlamaPath, TestTools.QwenTemplatePath)]
    [InlineData(TestTools.StoriesPath)]
    [InlineData(TestTools.RandomLlamaPath)]
    public async Task GetResponse_RequireAnyTwentySeeds_EveryCallMatchesItsSchema(string model)
    {
        using var client = Load(model);
        AIFunction[] tools = [TestTools.Weather(), TestTools.Search()];
        var callIds = new HashSet<string>();
        for (var seed = 100; seed < 120; seed++)
        {
            var options = new ChatOptions { Tools = [.. tools], ToolMode = ChatToolMode.RequireAny, Temperature = 1f, Seed = seed, MaxOutputTokens = 300 };
            var response = await client.GetResponseAsync(Question, options);
            Assert.True(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count() == 1, $"seed {seed}: {response.Text} {response.Usage?.InputTokenCount} {response.Usage?.OutputTokenCount} {response.FinishReason}");
            var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
            Assert.False(string.IsNullOrEmpty(call.CallId));
            Assert.True(callIds.Add(call.CallId));
            var tool = tools.Single(t => t.Name == call.Name);
            SchemaAssert.Matches(tool.JsonSchema, JsonSerializer.SerializeToElement(call.Arguments));
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        }
    }

    [FixtureFact(TestTools.StoriesPath, TestTools.QwenTemplatePath)]
    public async Task FunctionInvocation_RoundTrip_RunsToolAndKeepsResultInHistory()
    {
        var calls = new List<(string City, TemperatureUnit Unit, int Days)>();
        var weather = TestTools.Weather((city, unit, days) => calls.Add((city, unit, days)));
        using var inner = Load(TestTools.StoriesPath);
        using var client = new ChatClientBuilder(inner).UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 2).Build();
        var options = new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 200, Temperature = 1f, Seed = 3 };
        var response = await client.GetResponseAsync(Question, options);
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.True(c.City.Length <= 48));
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().First();
        var result = response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().First();
        Assert.Equal(call.CallId, result.CallId);
        Assert.Equal($"Sunny in {calls[0].City}", result.Result?.ToString());
    }

    [FixtureFact(TestTools.StoriesPath, TestTools.QwenTemplatePath)]
    public void RenderPrompt_WithTools_PutsSchemasInTemplate()
    {
        using var client = Load(TestTools.StoriesPath);
        var prompt = client.RenderPrompt(Question, new ChatOptions { Tools = [TestTools.Weather()] });
        Assert.Contains("<tools>", prompt);
        Assert.Contains("\"name\": \"get_weather\"", prompt);
        Assert.EndsWith("<|im_start|>assistant\n", prompt);
    }

    [FixtureFact(TestTools.StoriesPath, TestTools.QwenTemplatePath)]
    public async Task GetResponse_ToolModeNone_ReturnsTextWithoutCalls()
    {
        using var client = Load(TestTools.StoriesPath);
        var response = await client.GetResponseAsync(Question, new ChatOptions { Tools = [TestTools.Weather()], ToolMode = ChatToolMode.None, MaxOutputTokens = 20 });
        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.NotEmpty(response.Text);
    }

    [FixtureFact(TestTools.StoriesPath, TestTools.QwenTemplatePath)]
    public async Task GetResponse_AutoMode_ReturnsTextOrValidCall()
    {
        using var client = Load(TestTools.StoriesPath);
        for (var seed = 0; seed < 5; seed++)
        {
            var response = await client.GetResponseAsync(Question, new ChatOptions { Tools = [TestTools.Weather()], MaxOutputTokens = 100, Temperature = 1f, Seed = seed });
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            Assert.True(calls.Count > 0 || response.Text.Length > 0);
            foreach (var call in calls)
            {
                SchemaAssert.Matches(TestTools.Weather().JsonSchema, JsonSerializer.SerializeToElement(call.Arguments));
            }
        }
    }

    [FixtureFact(TestTools.StoriesPath, TestTools.QwenTemplatePath)]
    public async Task GetResponse_JsonSchemaFormat_ReturnsMatchingJson()
    {
        using var client = Load(TestTools.StoriesPath);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string","maxLength":20},"age":{"type":"integer"},"happy":{"type":"boolean"}},"required":["name","age","happy"]}""").RootElement;
        for (var seed = 0; seed < 5; seed++)
        {
            var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "person"), MaxOutputTokens = 100, Temperature = 1f, Seed = seed };
            var response = await client.GetResponseAsync(Question, options);
            using var json = JsonDocument.Parse(response.Text);
            SchemaAssert.Matches(schema, json.RootElement);
        }
    }

    [FixtureFact(TestTools.StoriesPath, TestTools.QwenTemplatePath)]
    public async Task GetStreamingResponse_ChatText_StreamsSeveralUpdates()
    {
        using var client = Load(TestTools.StoriesPath);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Question, new ChatOptions { MaxOutputTokens = 10 }))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count(u => u.Text.Length > 0) > 1);
        Assert.Equal(updates.ToChatResponse().Text, string.Concat(updates.Select(u => u.Text)));
    }
}
