using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using HfPipelines.Generation;
using Microsoft.Extensions.AI;

namespace HfPipelines.Tests.Generation;

public class LocalChatClientBaseTests
{
    private static ChatOptions Raw(Action<ChatOptions>? configure = null)
    {
        var options = new ChatOptions { AdditionalProperties = new() { [GenerationPropertyNames.RawPrompt] = true } };
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task GetResponse_RawPrompt_SendsPromptWithoutTemplate()
    {
        using var client = new ScriptedClient(null, ["a", "b"]);
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Once")], Raw());
        Assert.Equal("ab", response.Text);
        var request = Assert.Single(client.Requests);
        Assert.Equal("Once", request.Prompt);
        Assert.True(request.IsRawPrompt);
        Assert.False(request.Sampling.DoSample);
        Assert.Null(request.Constraint);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(2, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponse_StopSequence_CutsText()
    {
        using var client = new ScriptedClient(null, ["Hello", " wor", "ld. More"]);
        var response = await client.GetResponseAsync("x", Raw(o => o.StopSequences = ["."]));
        Assert.Equal("Hello world", response.Text);
    }

    [Fact]
    public async Task GetResponse_SamplingOptions_AreResolved()
    {
        using var client = new ScriptedClient(null, ["a"]);
        await client.GetResponseAsync("x", Raw(o => { o.Temperature = 0.7f; o.Seed = 5; o.MaxOutputTokens = 9; o.TopK = 4; }));
        var sampling = Assert.Single(client.Requests).Sampling;
        Assert.Equal(new SamplingSettings(9, true, 0.7f, 1f, 4, 1f, 5), sampling);
    }

    [Fact]
    public async Task GetResponse_NoTemplate_ThrowsMissingTemplate()
    {
        using var client = new ScriptedClient(null, ["a"]);
        await Assert.ThrowsAsync<MissingChatTemplateException>(() => client.GetResponseAsync("hello"));
    }

    [Fact]
    public async Task GetStreamingResponse_Cancelled_Throws()
    {
        using var client = new ScriptedClient(null, ["a", "b", "c"]);
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("x", Raw(), cts.Token))
            {
                await cts.CancelAsync();
            }
        });
    }

    [Fact]
    public void GetService_UnknownOrKeyed_ReturnsNull()
    {
        using var client = new ScriptedClient(null, []);
        Assert.Null(client.GetService(typeof(Uri)));
        Assert.Null(client.GetService(typeof(IChatClient), "k"));
        Assert.Same(client, client.GetService(typeof(IChatClient)));
        Assert.NotNull(client.GetService(typeof(ChatClientMetadata)));
    }

    [Fact]
    public async Task GetResponse_AfterDispose_Throws()
    {
        var client = new ScriptedClient(null, []);
        client.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetResponseAsync("x", Raw()));
    }

    private const string EchoTemplate = "{% for m in messages %}{{ m.content }}{% endfor %}";

    private static ChatOptions WithTool() => new()
    {
        Tools = [AIFunctionFactory.Create((string city) => "sunny in " + city, "get_weather", "Weather of a city.")],
    };

    private static async Task<(List<string> Streamed, ChatResponse Response)> StreamAsync(IReadOnlyList<string> pieces)
    {
        using var client = new ScriptedClient(EchoTemplate, pieces);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("weather?", WithTool()))
        {
            updates.Add(update);
        }

        // Every update but the last is streamed text; the last one carries the parsed rest, the finish reason and usage.
        var streamed = updates.SkipLast(1).Select(u => u.Text).ToList();
        return (streamed, updates.ToChatResponse());
    }

    [Fact]
    public async Task GetStreamingResponse_ToolsOfferedTextAnswer_StreamsPiecesAsTheyCome()
    {
        var (streamed, response) = await StreamAsync(["Hello", " there, see [1], <t", "able> and [TOOL", "S]."]);

        // A piece that ends in what could begin a call marker waits for the next one.
        Assert.Equal(["Hello", " there, see [1], ", "<table> and ", "[TOOLS]."], streamed);
        Assert.Equal("Hello there, see [1], <table> and [TOOLS].", response.Text);
        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponse_TextThenHermesCall_StreamsTheTextAndHoldsTheCall()
    {
        var (streamed, response) = await StreamAsync(["Let me ", "check. <tool", "_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>"]);

        Assert.Equal(["Let me ", "check. "], streamed);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments!["city"]!.ToString());
        Assert.DoesNotContain("tool_call", response.Text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Theory]
    [InlineData(" ", "{\"name\": \"get_weather\",", " \"arguments\": {\"city\": \"Oslo\"}}")]
    [InlineData("<|python", "_tag|>{\"name\": \"get_weather\",", " \"arguments\": {\"city\": \"Oslo\"}}")]
    [InlineData("[TOOL_", "CALLS][{\"name\": \"get_weather\",", " \"arguments\": {\"city\": \"Oslo\"}}]")]
    public async Task GetStreamingResponse_CallOnlyAnswer_StreamsNothingBeforeTheCall(string first, string second, string third)
    {
        var (streamed, response) = await StreamAsync([first, second, third]);

        Assert.Empty(streamed);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("Oslo", call.Arguments!["city"]!.ToString());
        Assert.Equal(string.Empty, response.Text);
    }

    [Fact]
    public async Task GetStreamingResponse_JsonThatIsNotACall_ComesWholeAtTheEnd()
    {
        var (streamed, response) = await StreamAsync(["{\"answer\":", " 42}"]);

        Assert.Empty(streamed);
        Assert.Equal("{\"answer\": 42}", response.Text);
    }

    /// <summary>A backend that yields scripted pieces.</summary>
    private sealed class ScriptedClient(string? template, IReadOnlyList<string> pieces)
        : LocalChatClientBase(template, new ChatClientMetadata("fake", null, "fake-model"))
    {
        public List<LocalGenerationRequest> Requests { get; } = [];

        protected override IReadOnlyDictionary<string, JsonNode?> TemplateVariables { get; } = new Dictionary<string, JsonNode?>();

        protected override async IAsyncEnumerable<string> GenerateAsync(LocalGenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Requests.Add(request);
            foreach (var piece in pieces)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                request.Stats.GeneratedTokens++;
                yield return piece;
            }
        }
    }
}
