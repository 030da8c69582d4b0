using System.Net;
using System.Text;
using HfPipelines.Remote;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Tests.Serve;

public sealed class ServeChatTests
{
    private static readonly AIFunctionDeclaration Weather = AIFunctionFactory.CreateDeclaration(
        "get_weather", "Gets the weather of a city.", System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement);

    [Fact]
    public async Task GetResponse_RemoteChatClient_EchoWithUsage()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var chat = Client(server);

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "hi there")]);

        Assert.Equal("Echo: hi there", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(17, response.Usage!.TotalTokenCount);
        var (messages, options) = server.ChatClient.Calls.Single();
        Assert.Equal([ChatRole.System, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal(ServeTestServer.Chat, options!.ModelId);
    }

    [Fact]
    public async Task GetStreamingResponse_RemoteChatClient_WordsInOrder()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var chat = Client(server);

        var updates = await chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "one two three")]).ToListAsync();

        Assert.Equal(["Echo:", " one", " two", " three"], updates.Select(u => u.Text).Where(t => t.Length > 0));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal(17, updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details.TotalTokenCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ToolCall_DeclarationsPassedThrough_CallReturnedThenResultAnswered(bool stream)
    {
        await using var server = await ServeTestServer.StartAsync();
        using var chat = Client(server);
        var options = new ChatOptions { Tools = [Weather], ToolMode = ChatToolMode.Auto };
        List<ChatMessage> messages = [new(ChatRole.User, "Weather in Paris?")];

        var first = stream ? (await chat.GetStreamingResponseAsync(messages, options).ToListAsync()).ToChatResponse() : await chat.GetResponseAsync(messages, options);
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "sunny")]));
        var second = stream ? (await chat.GetStreamingResponseAsync(messages, options).ToListAsync()).ToChatResponse() : await chat.GetResponseAsync(messages, options);

        Assert.Equal(("call_1", "get_weather", "Paris"), (call.CallId, call.Name, call.Arguments!["city"]!.ToString()));
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal("It is sunny in Paris.", second.Text);
        var tool = Assert.IsAssignableFrom<AIFunctionDeclaration>(server.ChatClient.Calls.First().Options!.Tools!.Single());
        Assert.Equal(("get_weather", "Gets the weather of a city."), (tool.Name, tool.Description));
        Assert.Equal(Weather.JsonSchema.GetRawText(), tool.JsonSchema.GetRawText());
        Assert.IsType<AutoChatToolMode>(server.ChatClient.Calls.First().Options!.ToolMode);
    }

    [Fact]
    public async Task ChatCompletions_ToolCall_ExactOpenAIShape()
    {
        await using var server = await ServeTestServer.StartAsync();
        const string request = """{"model":"test/chat","messages":[{"role":"user","content":"Weather?"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""";

        var (status, body) = await ServeTaskRoutesTests.PostJsonAsync(server, "/v1/chat/completions", request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("""^\{"id":"chatcmpl-fake","object":"chat.completion","created":\d+,"model":"test/chat","choices":\[\{"index":0,"message":\{"role":"assistant","content":null,"tool_calls":\[\{"id":"call_1","type":"function","function":\{"name":"get_weather","arguments":"\{\\"city\\":\\"Paris\\"\}"\}\}\]\},"finish_reason":"tool_calls"\}\],"usage":\{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17\}\}$""", body);
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_404ListsChatModels()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (status, body) = await ServeTaskRoutesTests.PostJsonAsync(server, "/v1/chat/completions", """{"model":"nope","messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Model 'nope' is not served for chat", body, StringComparison.Ordinal);
        Assert.Contains("""{"task":"text-generation","model":"test/chat","id":"test/chat","chat":true}""", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ClientDisconnects_ChatClientTokenCancelled()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative))
        {
            Content = new StringContent("""{"model":"test/chat","stream":true,"messages":[{"role":"user","content":"hang"}]}""", Encoding.UTF8, "application/json"),
        };

        using (var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var first = await reader.ReadLineAsync();
            Assert.Contains("\"content\":\"partial\"", first, StringComparison.Ordinal);
        }

        await server.ChatClient.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(server.ChatClient.Cancelled.Task.IsCompletedSuccessfully);
    }

    private static RemoteChatClient Client(ServeTestServer server)
    {
        var options = RemoteInferenceOptions.ForEndpoint(server.BaseUrl, RemoteEndpointKind.InferenceEndpoint);
        options.Resilience.MaxRetryAttempts = 0;
        return new RemoteChatClient(options, ServeTestServer.Chat);
    }
}
