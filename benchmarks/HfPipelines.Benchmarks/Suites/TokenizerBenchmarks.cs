using BenchmarkDotNet.Attributes;
using HfPipelines.Benchmarks.SideBySide;
using HfPipelines.Tokenization;

namespace HfPipelines.Benchmarks.Suites;

/// <summary>Tokenizing the 256 benchmark sentences with all-MiniLM-L6-v2's real tokenizer.json.</summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    private HfTokenizer _tokenizer = null!;
    private IReadOnlyList<string> _sentences = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tokenizer = HfTokenizer.FromTokenizerJson(BenchPaths.Fixture("tokenizers/all-MiniLM-L6-v2/tokenizer.json"));
        _sentences = BenchData.Sentences();
    }

    [Benchmark(Description = "Encode 256 sentences one by one")]
    public int EncodeEach()
    {
        var total = 0;
        foreach (var sentence in _sentences)
        {
            total += _tokenizer.Encode(sentence).Ids.Length;
        }

        return total;
    }

    [Benchmark(Description = "EncodeBatch 256 sentences, padded to longest")]
    public int EncodeBatch() => _tokenizer.EncodeBatch(_sentences, padToLongest: true).Count;
}
