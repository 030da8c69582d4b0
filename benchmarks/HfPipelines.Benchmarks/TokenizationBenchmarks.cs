using BenchmarkDotNet.Attributes;
using HfPipelines.Tokenization;
using Microsoft.ML.Tokenizers;

namespace HfPipelines.Benchmarks;

/// <summary>Encode throughput of <see cref="HfTokenizer"/> (bert-base-uncased tokenizer.json) against
/// Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/> on the same vocabulary, 256 sentences per operation.
/// Needs the shared fixtures (../shared/fixtures, or HFP_FIXTURES).</summary>
[MemoryDiagnoser]
public class TokenizationBenchmarks
{
    private HfTokenizer _hf = null!;
    private BertTokenizer _ml = null!;
    private HfTokenizer _gpt2 = null!;
    private string[] _sentences = [];

    [GlobalSetup]
    public void Setup()
    {
        var fixtures = FindFixtures();
        _hf = HfTokenizer.FromFolder(Path.Combine(fixtures, "tokenizers", "bert-base-uncased"));
        _gpt2 = HfTokenizer.FromFolder(Path.Combine(fixtures, "tokenizers", "gpt2"));
        var vocab = Path.Combine(Path.GetTempPath(), "hfp-bench-bert-vocab.txt");
        File.WriteAllLines(vocab, Enumerable.Range(0, _hf.VocabularySize).Select(i => _hf.IdToToken(i) ?? $"[unused-{i}]"));
        _ml = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true });
        string[] words = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "tokenization", "benchmark", "naïve", "café", "42", "3.14", "hello", "world"];
        var random = new Random(7);
        _sentences = [.. Enumerable.Range(0, 256).Select(_ => string.Join(' ', Enumerable.Range(0, 8 + random.Next(24)).Select(_ => words[random.Next(words.Length)])) + ".")];
    }

    [Benchmark(Baseline = true)]
    public int MicrosoftMlBertTokenizer()
    {
        var total = 0;
        foreach (var s in _sentences)
        {
            total += _ml.EncodeToIds(s).Count;
        }

        return total;
    }

    [Benchmark]
    public int HfTokenizerWordPiece()
    {
        var total = 0;
        foreach (var s in _sentences)
        {
            total += _hf.Encode(s).Length;
        }

        return total;
    }

    [Benchmark]
    public int HfTokenizerByteLevelBpe()
    {
        var total = 0;
        foreach (var s in _sentences)
        {
            total += _gpt2.Encode(s).Length;
        }

        return total;
    }

    private static string FindFixtures()
    {
        var fromEnv = Environment.GetEnvironmentVariable("HFP_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/fixtures not found: set HFP_FIXTURES.");
    }
}
