using HfPipelines.Testing;
using HfPipelines.Tokenization;
using Xunit.Abstractions;

namespace HfPipelines.Tests.Tokenization;

/// <summary>llama.cpp's tokenizer test vectors (<c>llamacpp-vocab/*.inp/.out</c>, made with Python transformers, no
/// special tokens) reproduced from the Hub tokenizer files of the same models.</summary>
public class LlamaCppVocabTests(ITestOutputHelper output)
{
    private const string Separator = "\n__ggml_vocab_test__\n";

    [Theory]
    [InlineData("gpt2", "ggml-vocab-gpt-2", 0)]
    [InlineData("llama-2", "ggml-vocab-llama-spm", 0)]
    [InlineData("phi-3-mini", "ggml-vocab-phi-3", 0)]
    [InlineData("bert-base-uncased", "ggml-vocab-bert-bge", 0)]
    public void Encode_LlamaCppVectors_MatchAll(string tokenizerName, string vectors, int knownDifferent)
    {
        var input = $"llamacpp-vocab/{vectors}.gguf.inp";
        if (!TestFixtures.Exists(input) || !TestFixtures.Exists("tokenizers/" + tokenizerName))
        {
            output.WriteLine(TestFixtures.MissingReason(input));
            return;
        }

        var texts = File.ReadAllText(TestFixtures.PathOf(input)).Split(Separator);
        var lines = File.ReadAllText(TestFixtures.PathOf($"llamacpp-vocab/{vectors}.gguf.out")).Split('\n');
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/" + tokenizerName));
        var cases = texts.Length - 1;
        var matches = 0;
        for (var i = 0; i < cases; i++)
        {
            var expected = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            var ids = tokenizer.Encode(texts[i], options: new EncodeOptions { AddSpecialTokens = false }).Ids;
            if (ids.SequenceEqual(expected))
            {
                matches++;
            }
            else
            {
                output.WriteLine($"#{i} {System.Text.Json.JsonSerializer.Serialize(texts[i])}: expected [{string.Join(',', expected)}] got [{string.Join(',', ids)}]");
            }
        }

        output.WriteLine($"{tokenizerName} vs {vectors}: {matches}/{cases}");
        Assert.Equal(cases - knownDifferent, matches);
    }
}
