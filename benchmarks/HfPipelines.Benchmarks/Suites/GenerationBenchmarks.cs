using BenchmarkDotNet.Attributes;
using HfPipelines.Generation;
using HfPipelines.LlamaCpp;
using Microsoft.Extensions.AI;

namespace HfPipelines.Benchmarks.Suites;

/// <summary>Greedy generation of up to 64 tokens on stories260K through our llama.cpp chat client.</summary>
public class GenerationBenchmarks
{
    private LlamaCppChatClient _client = null!;
    private ChatOptions _options = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _client = LlamaCppChatClient.Load(BenchPaths.Fixture("gguf/stories260K/stories260K.gguf"), new LlamaCppModelOptions { Threads = Threads, ContextSize = 512 });
        _options = new ChatOptions
        {
            MaxOutputTokens = 64,
            AdditionalProperties = new AdditionalPropertiesDictionary { [GenerationPropertyNames.RawPrompt] = true, [GenerationPropertyNames.DoSample] = false },
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Description = "Generate 64 tokens")]
    public async Task<long> Generate() =>
        (await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")], _options)).Usage?.OutputTokenCount ?? 0;
}
