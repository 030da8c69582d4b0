using HfPipelines.Testing;
using HfPipelines.Tokenization;
using Xunit.Abstractions;

namespace HfPipelines.Tests.Tokenization;

/// <summary>Compares ids and decoded text with transformers.js on a 560-string corpus (expected files made by
/// scripts/parity/tokenizers/generate.mjs). The asserted counts are the ones reached; the differences are explained in
/// the report and in <see cref="KnownDifferences"/>.</summary>
public class TransformersJsParityTests(ITestOutputHelper output)
{
    /// <summary>Why a tokenizer does not reach every case.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownDifferences = new Dictionary<string, string>
    {
    };

    [Theory]
    [InlineData("bert-base-uncased", 560, 30)]
    [InlineData("bert-base-cased", 560, 30)]
    [InlineData("all-MiniLM-L6-v2", 560, 30)]
    public void Encode_Corpus_MatchesTransformersJs(string name, int expectedIdMatches, int expectedPairMatches)
    {
        var folder = "tokenizers/" + name;
        if (!TestFixtures.Exists(folder))
        {
            output.WriteLine(TestFixtures.MissingReason(folder));
            return;
        }

        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf(folder));
        var corpus = ExpectedFiles.Corpus();
        var expected = ExpectedFiles.Load(name);
        var idMatches = 0;
        var decodeMatches = 0;
        for (var i = 0; i < corpus.Length; i++)
        {
            var ids = tokenizer.Encode(corpus[i]).Ids;
            if (ids.SequenceEqual(expected.Cases[i].Ids))
            {
                idMatches++;
            }
            else
            {
                output.WriteLine($"#{i} {Show(corpus[i])}: expected [{string.Join(',', expected.Cases[i].Ids)}] got [{string.Join(',', ids)}]");
            }

            if (tokenizer.Decode(expected.Cases[i].Ids) == expected.Cases[i].Decoded)
            {
                decodeMatches++;
            }
        }

        var pairMatches = expected.Pairs.Count(p =>
        {
            var e = tokenizer.Encode(corpus[p.A], corpus[p.B]);
            return e.Ids.SequenceEqual(p.Ids) && (p.TypeIds is null || e.TypeIds.SequenceEqual(p.TypeIds));
        });
        output.WriteLine($"{name}: ids {idMatches}/{corpus.Length}, decode {decodeMatches}/{corpus.Length}, pairs {pairMatches}/{expected.Pairs.Count}");
        Assert.Equal(expectedIdMatches, idMatches);
        Assert.Equal(expectedPairMatches, pairMatches);
    }

    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
