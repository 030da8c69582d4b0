using System.Text.Json;
using HfPipelines.Generation;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using Microsoft.Extensions.AI;

namespace HfPipelines.LlamaCpp.Tests;

public sealed class LlamaCppChatClientTests
{
    private static LlamaCppChatClient Stories(string? template = null) =>
        LlamaCppChatClient.Load(TestFixtures.PathOf(TestTools.StoriesPath), new LlamaCppModelOptions { Threads = 1, ContextSize = 512, ChatTemplate = template });

    [FixtureFact(TestTools.StoriesPath)]
    public async Task TextGeneration_StoriesGreedy_ContinuesWithLily()
    {
        using var pipeline = new TextGenerationPipeline(Stories(), ownsClient: true);
        var result = await pipeline.RunAsync("Once upon a time", new TextGenerationOptions { MaxNewTokens = 12 });
        Assert.StartsWith("Once upon a time, there was a little girl named Lily", result.GeneratedText);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public async Task TextGeneration_ReturnFullTextFalse_ReturnsContinuationOnly()
    {
        using var pipeline = new TextGenerationPipeline(Stories(), ownsClient: true);
        var result = await pipeline.RunAsync("Once upon a time", new TextGenerationOptions { MaxNewTokens = 12, ReturnFullText = false });
        Assert.StartsWith(", there was a little girl named Lily", result.GeneratedText);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public async Task TextGeneration_StopSequence_CutsBeforeIt()
    {
        using var pipeline = new TextGenerationPipeline(Stories(), ownsClient: true);
        var result = await pipeline.RunAsync("Once upon a time", new TextGenerationOptions { MaxNewTokens = 30, ReturnFullText = false, Stop = ["little"] });
        Assert.Equal(", there was a ", result.GeneratedText);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public async Task TextGeneration_SameSeed_SameSample()
    {
        using var pipeline = new TextGenerationPipeline(Stories(), ownsClient: true);
        var options = new TextGenerationOptions { MaxNewTokens = 20, DoSample = true, Temperature = 1.2f, Seed = 7 };
        var first = await pipeline.RunAsync("Once upon a time", options);
        var second = await pipeline.RunAsync("Once upon a time", options);
        Assert.Equal(first.GeneratedText, second.GeneratedText);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public async Task Stream_CancelledMidway_ThrowsAndNextCallWorks()
    {
        using var pipeline = new TextGenerationPipeline(Stories(), ownsClient: true);
        using var cts = new CancellationTokenSource();
        var pieces = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var piece in pipeline.StreamAsync("Once upon a time", new TextGenerationOptions { MaxNewTokens = 100 }, cts.Token))
            {
                pieces++;
                await cts.CancelAsync();
            }
        });
        Assert.Equal(1, pieces);
        var next = await pipeline.RunAsync("Once upon a time", new TextGenerationOptions { MaxNewTokens = 12, ReturnFullText = false });
        Assert.StartsWith(", there was a little girl named Lily", next.GeneratedText);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public async Task GetResponse_InvalidGrammar_ThrowsAndClientStaysUsable()
    {
        using var client = Stories();
        foreach (var grammar in (string[])["root ::= undefined-rule", "root ::= \"a", "start ::= \"a\""])
        {
            var options = new ChatOptions { AdditionalProperties = new() { [GenerationPropertyNames.RawPrompt] = true, [GenerationPropertyNames.Grammar] = grammar } };
            await Assert.ThrowsAsync<InvalidGrammarException>(() => client.GetResponseAsync("Once upon a time", options));
        }

        var ok = new ChatOptions { MaxOutputTokens = 5, AdditionalProperties = new() { [GenerationPropertyNames.RawPrompt] = true, [GenerationPropertyNames.Grammar] = "root ::= \"yes\" | \"no\"" } };
        var response = await client.GetResponseAsync("Once upon a time", ok);
        Assert.Contains(response.Text, (string[])["yes", "no"]);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public async Task GetResponse_NoTemplate_ThrowsMissingTemplate()
    {
        using var client = Stories();
        var ex = await Assert.ThrowsAsync<MissingChatTemplateException>(() => client.GetResponseAsync("Hello"));
        Assert.Contains("ChatTemplate", ex.Message);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public void GetService_UnknownType_ReturnsNull()
    {
        using var client = Stories();
        Assert.Null(client.GetService(typeof(string)));
        Assert.Null(client.GetService(typeof(LlamaCppChatClient), "key"));
        Assert.Same(client, client.GetService(typeof(IChatClient)));
        Assert.Equal("llama.cpp", client.GetService<ChatClientMetadata>()?.ProviderName);
        Assert.Same(client.Model, client.GetService(typeof(LlamaCppModel)));
    }

    [FixtureFact(TestTools.StoriesPath)]
    public void Dispose_OwnedModel_ClosesContextThenModel()
    {
        var client = Stories();
        var model = client.Model;
        client.Dispose();
        Assert.True(client.IsContextClosed);
        Assert.True(model.IsNativeHandleClosed);
    }

    [FixtureFact(TestTools.StoriesPath)]
    public void Dispose_BorrowedModel_KeepsModelOpen()
    {
        using var model = LlamaCppModel.Load(TestFixtures.PathOf(TestTools.StoriesPath), new LlamaCppModelOptions { Threads = 1, ContextSize = 256 });
        var first = new LlamaCppChatClient(model);
        first.Dispose();
        Assert.True(first.IsContextClosed);
        Assert.False(model.IsNativeHandleClosed);
        using var second = new LlamaCppChatClient(model);
        Assert.False(second.IsContextClosed);
    }

    [FixtureTheory(TestTools.StoriesPath, TestTools.RandomLlamaPath)]
    [InlineData(TestTools.StoriesPath, ToolCallFormat.Hermes)]
    [InlineData(TestTools.RandomLlamaPath, ToolCallFormat.Hermes)]
    [InlineData(TestTools.StoriesPath, ToolCallFormat.BareJson)]
    [InlineData(TestTools.RandomLlamaPath, ToolCallFormat.Mistral)]
    public async Task ConstrainedDecoding_TwentySeeds_EveryCallMatchesSchema(string model, ToolCallFormat format)
    {
        using var client = LlamaCppChatClient.Load(TestFixtures.PathOf(model), new LlamaCppModelOptions { Threads = 1, ContextSize = 512 });
        AIFunction[] tools = [TestTools.Weather(), TestTools.Search()];
        var grammar = GenerationConstraint.ForTools(tools.Select(TestTools.Definition).ToList(), format, allowText: false).ToGbnf();
        for (var seed = 0; seed < 20; seed++)
        {
            var options = new ChatOptions
            {
                MaxOutputTokens = 256,
                Temperature = 1f,
                Seed = seed,
                AdditionalProperties = new() { [GenerationPropertyNames.RawPrompt] = true, [GenerationPropertyNames.Grammar] = grammar },
            };
            var response = await client.GetResponseAsync("Once upon a time", options);
            var parsed = ToolCallParser.Parse(response.Text);
            var call = Assert.Single(parsed.Calls);
            var tool = tools.Single(t => t.Name == call.Name);
            var args = JsonSerializer.SerializeToElement(call.Arguments);
            SchemaAssert.Matches(tool.JsonSchema, args);
        }
    }
}
