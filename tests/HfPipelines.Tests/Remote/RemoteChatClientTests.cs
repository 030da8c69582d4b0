using System.ComponentModel;
using HfPipelines.Remote;
using HfPipelines.Tests.FakeRouter;
using Microsoft.Extensions.AI;

namespace HfPipelines.Tests.Remote;

public sealed class RemoteChatClientTests
{
    private const string Model = "meta-llama/Llama-3.1-8B-Instruct:fastest";

    [Fact]
    public async Task GetResponseAsync_ToolCallAnswer_ReturnsFunctionCallWithCallIdAndUsage()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""
            {"id":"chatcmpl-1","model":"m","created":1700000000,
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}}],
             "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}
            """));
        using var chat = new RemoteChatClient(new RemoteTestOptions(server.BaseUrl).Options, Model);
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")], ToolMode = ChatToolMode.Auto, MaxOutputTokens = 50 };

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Weather in Paris?")], options);

        var call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal(("call_1", "get_weather"), (call.CallId, call.Name));
        Assert.Equal("Paris", call.Arguments!["city"]!.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal((12L, 7L, 19L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal(Model, request.Json.GetProperty("model").GetString());
        Assert.Equal(50, request.Json.GetProperty("max_tokens").GetInt32());
        Assert.Equal("auto", request.Json.GetProperty("tool_choice").GetString());
        var tool = request.Json.GetProperty("tools")[0];
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.True(tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").TryGetProperty("city", out _));
    }

    [Fact]
    public async Task GetResponseAsync_ToolResults_SendsAssistantToolCallsAndToolMessages()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""{"choices":[{"message":{"role":"assistant","content":"It is sunny."},"finish_reason":"stop"}]}"""));
        using var chat = new RemoteChatClient(new RemoteTestOptions(server.BaseUrl).Options, Model);
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny")]),
        ];

        var response = await chat.GetResponseAsync(history, new ChatOptions { ToolMode = ChatToolMode.RequireSpecific("get_weather"), Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] });

        Assert.Equal("It is sunny.", response.Text);
        var messages = Assert.Single(server.Requests).Json.GetProperty("messages");
        Assert.Equal("call_1", messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("{\"city\":\"Paris\"}", messages[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(("tool", "call_1", "sunny"), (messages[2].GetProperty("role").GetString(), messages[2].GetProperty("tool_call_id").GetString(), messages[2].GetProperty("content").GetString()));
        Assert.Equal("get_weather", server.Requests[0].Json.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SseChunks_YieldsTextToolCallAndUsage()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Sse(
            """{"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}""",
            """{"id":"c1","choices":[{"index":0,"delta":{"content":"lo"}}]}""",
            """{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_9","type":"function","function":{"name":"get_weather","arguments":"{\"ci"}}]}}]}""",
            """{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"Oslo\"}"}}]},"finish_reason":"tool_calls"}]}""",
            """{"id":"c1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""",
            "[DONE]"));
        using var chat = new RemoteChatClient(new RemoteTestOptions(server.BaseUrl).Options, Model);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
        {
            updates.Add(update);
        }

        Assert.Equal("Hello", string.Concat(updates.Select(u => u.Text)));
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_9", "get_weather", "Oslo"), (call.CallId, call.Name, call.Arguments!["city"]!.ToString()));
        Assert.Equal(7L, Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details.TotalTokenCount);
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        var request = Assert.Single(server.Requests);
        Assert.True(request.Json.GetProperty("stream").GetBoolean());
        Assert.Equal("text/event-stream", request.Header("Accept"));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorEvent_ThrowsRemoteInferenceException()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Sse("""{"error":"Input validation error: too long"}"""));
        using var chat = new RemoteChatClient(new RemoteTestOptions(server.BaseUrl).Options, Model);

        var error = await Assert.ThrowsAsync<RemoteInferenceException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
            {
                Assert.NotNull(update);
            }
        });

        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_NoModel_ThrowsRemoteErrorWithoutCalling()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("{}"));
        using var chat = new RemoteChatClient(new RemoteTestOptions(server.BaseUrl).Options);

        await Assert.ThrowsAsync<RemoteInferenceException>(() => chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_OpenAICompatibleBaseWithV1_DoesNotDoubleV1()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""{"choices":[{"message":{"role":"assistant","content":"ok"}}]}"""));
        var options = RemoteInferenceOptions.ForEndpoint(new Uri(server.BaseUrl, "/v1"), RemoteEndpointKind.OpenAICompatible);
        using var chat = new RemoteChatClient(options, "llama3.2");

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("ok", response.Text);
        Assert.Equal("/v1/chat/completions", Assert.Single(server.Requests).Path);
    }

    [Description("Gets the weather of a city.")]
    private static string GetWeather([Description("The city.")] string city) => $"sunny in {city}";
}
