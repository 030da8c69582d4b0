using HfPipelines.Generation;
using HfPipelines.Tasks;

namespace HfPipelines.Tests.Generation;

public class TextGenerationPipelineTests
{
    [Fact]
    public async Task RunAsync_ReturnFullText_PrependsPrompt()
    {
        var client = new FakeChatClient { Pieces = [", there", " was"] };
        using var pipeline = new TextGenerationPipeline(client);
        var full = await pipeline.RunAsync("Once");
        var tail = await pipeline.RunAsync("Once", new TextGenerationOptions { ReturnFullText = false });
        Assert.Equal("Once, there was", full.GeneratedText);
        Assert.Equal(", there was", tail.GeneratedText);
    }

    [Fact]
    public async Task RunAsync_Options_MapToRawPromptChatOptions()
    {
        var client = new FakeChatClient { Pieces = ["x"] };
        using var pipeline = new TextGenerationPipeline(client);
        await pipeline.RunAsync("Hi", new TextGenerationOptions { MaxNewTokens = 7, DoSample = true, Temperature = 0.5f, TopK = 3, TopP = 0.9f, Seed = 11, RepetitionPenalty = 1.3f, Stop = ["."] });
        var (messages, options) = Assert.Single(client.Calls);
        Assert.Equal("Hi", Assert.Single(messages).Text);
        Assert.Equal(7, options!.MaxOutputTokens);
        Assert.Equal(0.5f, options.Temperature);
        Assert.Equal(3, options.TopK);
        Assert.Equal(0.9f, options.TopP);
        Assert.Equal(11, options.Seed);
        Assert.Equal(["."], options.StopSequences!);
        Assert.Equal(true, options.AdditionalProperties![GenerationPropertyNames.RawPrompt]);
        Assert.Equal(true, options.AdditionalProperties[GenerationPropertyNames.DoSample]);
        Assert.Equal(1.3f, options.AdditionalProperties[GenerationPropertyNames.RepetitionPenalty]);
    }

    [Theory]
    [InlineData(0, false, 1f, 1f)]
    [InlineData(5, true, 0f, 1f)]
    [InlineData(5, false, 1f, 0f)]
    public async Task RunAsync_BadOptions_ThrowsInvalidInput(int maxNewTokens, bool doSample, float temperature, float topP)
    {
        using var pipeline = new TextGenerationPipeline(new FakeChatClient());
        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync("x", new TextGenerationOptions { MaxNewTokens = maxNewTokens, DoSample = doSample, Temperature = temperature, TopP = topP }));
    }

    [Fact]
    public async Task RunAsync_EmptyPrompt_ThrowsInvalidInput()
    {
        using var pipeline = new TextGenerationPipeline(new FakeChatClient());
        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync(string.Empty));
    }

    [Fact]
    public async Task StreamAsync_Pieces_ArriveInOrder()
    {
        using var pipeline = new TextGenerationPipeline(new FakeChatClient { Pieces = ["a", "b", "c"] });
        var pieces = new List<string>();
        await foreach (var piece in pipeline.StreamAsync("p"))
        {
            pieces.Add(piece);
        }

        Assert.Equal(["a", "b", "c"], pieces);
    }

    [Fact]
    public void Dispose_OwnsClient_DisposesIt()
    {
        var owned = new FakeChatClient();
        var borrowed = new FakeChatClient();
        new TextGenerationPipeline(owned, ownsClient: true).Dispose();
        new TextGenerationPipeline(borrowed).Dispose();
        Assert.True(owned.Disposed);
        Assert.False(borrowed.Disposed);
    }

    [Fact]
    public void Task_IsTextGeneration()
    {
        using var pipeline = new TextGenerationPipeline(new FakeChatClient());
        Assert.Equal("text-generation", pipeline.Task);
    }
}
