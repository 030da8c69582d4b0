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
        ["bert"] = "case 93 ('\U00020000\U00020001 text', CJK extension B): the Rust BertNormalizer checks code points and puts "
            + "spaces around each ideograph (two [UNK]); transformers.js checks UTF-16 code units, misses them and gives one [UNK]. "
            + "Applies to bert-base-uncased, bert-base-cased and all-MiniLM-L6-v2.",
        ["gpt2"] = "pairs: transformers.js' ByteLevel post-processor drops the second text; the Rust library (and this one) appends it.",
        ["marian-nmt-ortx"] = "two transformers.js simplifications: it never splits on '\u2581' (the Metaspace pre-tokenizer has split=true, "
            + "which the Rust library and this one honour), and it replaces the compiled charsmap (here it also folds case) by NFKC "
            + "rules, where this one applies the charsmap. With split=false and no charsmap this tokenizer matches transformers.js "
            + "on every case (see the variant test).",
    };

    [Theory]
    [InlineData("bert-base-uncased", 559, 30)]
    [InlineData("bert-base-cased", 559, 30)]
    [InlineData("all-MiniLM-L6-v2", 559, 30)]
    [InlineData("gpt2", 560, 0)]
    [InlineData("roberta-base", 560, 30)]
    [InlineData("llama-2", 560, 30)]
    [InlineData("phi-3-mini", 560, 30)]
    [InlineData("t5-small", 560, 30)]
    [InlineData("clip-vit-base-patch32", 560, 30)]
    [InlineData("whisper-tiny", 560, 30)]
    [InlineData("marian-nmt-ortx", 66, 2)]
    public void Encode_Corpus_MatchesTransformersJs(string name, int expectedIdMatches, int expectedPairMatches)
    {
        var folder = "tokenizers/" + name;
        if (!TestFixtures.Exists(folder))
        {
            output.WriteLine(TestFixtures.MissingReason(folder));
            return;
        }

        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf(folder));
        Compare(name, tokenizer, expectedIdMatches, expectedPairMatches);
    }

    [FixtureFact("tokenizers/marian-nmt-ortx")]
    public void Encode_MarianWithTransformersJsSimplifications_MatchesTransformersJs()
    {
        var dir = Directory.CreateTempSubdirectory("hfp-marian-");
        try
        {
            // transformers.js never splits on the Metaspace char and replaces the compiled charsmap by NFKC rules.
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(TestFixtures.PathOf("tokenizers/marian-nmt-ortx/tokenizer.json")))!;
            json["pre_tokenizer"]!["split"] = false;
            json["normalizer"]!["normalizers"]![0]!["precompiled_charsmap"] = null;
            File.WriteAllText(Path.Combine(dir.FullName, "tokenizer.json"), json.ToJsonString());
            File.Copy(TestFixtures.PathOf("tokenizers/marian-nmt-ortx/tokenizer_config.json"), Path.Combine(dir.FullName, "tokenizer_config.json"));

            Compare("marian-nmt-ortx", HfTokenizer.FromFolder(dir.FullName), 560, 30);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private void Compare(string name, HfTokenizer tokenizer, int expectedIdMatches, int expectedPairMatches)
    {
        var corpus = ExpectedFiles.Corpus();
        var expected = ExpectedFiles.Load(name);
        var idMatches = 0;
        var decodeMatches = 0;
        var decodeAllMatches = 0;
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

            var expectedDecoded = expected.Cases[i].Decoded ?? corpus[i];
            var expectedDecodedAll = expected.Cases[i].DecodedAll ?? expectedDecoded;
            var decodedAll = tokenizer.Decode(expected.Cases[i].Ids, skipSpecialTokens: false);
            if (decodedAll == expectedDecodedAll)
            {
                decodeAllMatches++;
            }
            else
            {
                output.WriteLine($"decode-all #{i}: expected {Show(expectedDecodedAll)} got {Show(decodedAll)}");
            }

            var decoded = tokenizer.Decode(expected.Cases[i].Ids);
            if (decoded == expectedDecoded)
            {
                decodeMatches++;
            }
            else
            {
                output.WriteLine($"decode #{i}: expected {Show(expectedDecoded)} got {Show(decoded)}");
            }
        }

        var pairMatches = expected.Pairs.Count(p =>
        {
            var e = tokenizer.Encode(corpus[p.A], corpus[p.B]);
            return e.Ids.SequenceEqual(p.Ids) && (p.TypeIds is null || e.TypeIds.SequenceEqual(p.TypeIds));
        });
        output.WriteLine($"{name}: ids {idMatches}/{corpus.Length}, decode {decodeMatches}/{corpus.Length}, decode with specials {decodeAllMatches}/{corpus.Length}, pairs {pairMatches}/{expected.Pairs.Count}");
        Assert.Equal(expectedIdMatches, idMatches);
        Assert.Equal(expectedPairMatches, pairMatches);
        Assert.Equal(corpus.Length, decodeMatches);
        Assert.Equal(corpus.Length, decodeAllMatches);
    }

    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
