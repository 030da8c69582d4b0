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
