using HfPipelines.Generation;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using Microsoft.Extensions.AI;

namespace HfPipelines.OnnxGenAI.Tests;

public sealed class OnnxGenAIChatClientTests : IDisposable
{
    private const string Gpt2 = "ortgenai/tiny-random-gpt2-fp32";
    private const string Llama = "ortgenai/tiny-random-LlamaForCausalLM-fp16";
    private const string Phi3V = "ortgenai/phi3-v-dummy";
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-genai-").FullName;

    [FixtureFact(Gpt2)]
    public void GenerateGreedy_TinyGpt2Batch_GivesKnownAnswer()
    {
        using var model = OnnxGenAIModel.Load(TestFixtures.PathOf(Gpt2));
        var result = model.GenerateGreedy([[0, 0, 0, 52], [0, 0, 195, 731]], 10);
        Assert.Equal([0, 0, 0, 52, 204, 204, 204, 204, 204, 204], result[0]);
        Assert.Equal([0, 0, 195, 731, 731, 114, 114, 114, 114, 114], result[1]);
    }

    [FixtureFact(Phi3V)]
    public void Load_Phi3VisionFolder_ThrowsModelLoad()
    {
        var ex = Assert.Throws<ModelLoadException>(() => OnnxGenAIModel.Load(TestFixtures.PathOf(Phi3V)));
        Assert.Contains("phi3v", ex.Message);
        Assert.Contains("decoder-only", ex.Message);
    }

    [Fact]
    public void Load_FolderWithoutConfig_ThrowsModelLoad()
    {
        var ex = Assert.Throws<ModelLoadException>(() => OnnxGenAIModel.Load(_dir));
        Assert.Contains("genai_config.json is missing", ex.Message);
    }

    [Fact]
    public void Load_MalformedConfig_ThrowsModelLoad()
    {
        File.WriteAllText(Path.Combine(_dir, "genai_config.json"), "{ not json");
        var ex = Assert.Throws<ModelLoadException>(() => OnnxGenAIModel.Load(_dir));
        Assert.Contains("not valid GenAI configuration", ex.Message);
    }

    [Fact]
    public void Load_MissingDecoderFile_ThrowsModelLoad()
    {
        File.WriteAllText(Path.Combine(_dir, "genai_config.json"), "{\"model\":{\"type\":\"llama\",\"decoder\":{\"filename\":\"model.onnx\"}}}");
        var ex = Assert.Throws<ModelLoadException>(() => OnnxGenAIModel.Load(_dir));
        Assert.Contains("model.onnx", ex.Message);
    }

    [FixtureFact(Llama)]
    public async Task TextGeneration_TinyLlama_GeneratesTenTokensDeterministically()
    {
        using var pipeline = new TextGenerationPipeline(OnnxGenAIChatClient.Load(TestFixtures.PathOf(Llama)), ownsClient: true);
        var options = new TextGenerationOptions { MaxNewTokens = 10, ReturnFullText = false };
        var first = await pipeline.RunAsync("Hello, my name is", options);
        var second = await pipeline.RunAsync("Hello, my name is", options);
        Assert.NotEmpty(first.GeneratedText);
        Assert.Equal(first.GeneratedText, second.GeneratedText);
    }

    [FixtureFact(Llama)]
    public async Task Stream_CancelledMidway_ThrowsAndNextCallWorks()
    {
        using var pipeline = new TextGenerationPipeline(OnnxGenAIChatClient.Load(TestFixtures.PathOf(Llama)), ownsClient: true);
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var piece in pipeline.StreamAsync("Hello, my name is", new TextGenerationOptions { MaxNewTokens = 50 }, cts.Token))
            {
                await cts.CancelAsync();
            }
        });
        var next = await pipeline.RunAsync("Hello, my name is", new TextGenerationOptions { MaxNewTokens = 5, ReturnFullText = false });
        Assert.NotEmpty(next.GeneratedText);
    }

    [FixtureFact(Llama)]
    public void GetService_UnknownType_ReturnsNull()
    {
        using var client = OnnxGenAIChatClient.Load(TestFixtures.PathOf(Llama));
        Assert.Null(client.GetService(typeof(string)));
        Assert.Same(client.Model, client.GetService(typeof(OnnxGenAIModel)));
        Assert.Equal("onnxruntime-genai", client.GetService<ChatClientMetadata>()?.ProviderName);
    }

    [FixtureFact(Llama)]
    public void Dispose_OwnedModel_ReleasesModel()
    {
        var client = OnnxGenAIChatClient.Load(TestFixtures.PathOf(Llama));
        client.Dispose();
        Assert.True(client.Model.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => client.Model.Tokenizer);
    }

    [FixtureFact(Llama)]
    public void Dispose_BorrowedModel_KeepsModel()
    {
        using var model = OnnxGenAIModel.Load(TestFixtures.PathOf(Llama));
        new OnnxGenAIChatClient(model).Dispose();
        Assert.False(model.IsDisposed);
    }

    [FixtureFact(Llama)]
    public void Load_TinyLlama_ReadsChatTemplateAndTokens()
    {
        using var model = OnnxGenAIModel.Load(TestFixtures.PathOf(Llama), new OnnxGenAIModelOptions { Threads = 2 });
        Assert.Contains("[INST]", model.ChatTemplate);
        Assert.Equal("<s>", model.Info.BosToken);
        Assert.Equal(2048, model.ContextSize);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
