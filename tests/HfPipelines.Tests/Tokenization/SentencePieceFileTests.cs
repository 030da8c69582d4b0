using HfPipelines.Testing;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tokenization;

public class SentencePieceFileTests
{
    private const string Marian = "tokenizers/opus-mt-en-mg";
    private const string Joint = "tokenizers/marian-nmt-ortx";

    [FixtureFact(Marian)]
    public void FromFolder_MarianSourceSpm_PiecesFromSpmIdsFromVocabJson()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf(Marian));

        var e = tokenizer.Encode("Hello  world, the cat.");

        Assert.Equal("</s>", e.Tokens[^1]);
        Assert.Equal(0, e.Ids[^1]);
        Assert.StartsWith("\u2581", e.Tokens[0], StringComparison.Ordinal);
        Assert.Contains("\u2581the", e.Tokens);
        Assert.Equal(7, e.Ids[Array.IndexOf(e.Tokens, "\u2581the")]);
        Assert.Equal("Hello world, the cat.", tokenizer.Decode(e.Ids));
        Assert.Equal(54688, tokenizer.VocabularySize);
        Assert.Equal("<pad>", tokenizer.SpecialTokens["pad_token"].Token);
    }

    [FixtureFact(Marian)]
    public void FromMarianTarget_TargetSpm_EncodesMalagasyWithSharedIds()
    {
        var target = HfTokenizer.FromMarianTarget(TestFixtures.PathOf(Marian));

        var e = target.Encode("Manao ahoana ny fiainana");

        Assert.Equal(5, e.Ids[Array.IndexOf(e.Tokens, "\u2581ny")]);
        Assert.Equal("</s>", e.Tokens[^1]);
        Assert.Equal("Manao ahoana ny fiainana", target.Decode(e.Ids));
    }

    [FixtureFact(Joint)]
    public void FromFolder_MarianSpmAndVocabJson_MatchesTokenizerJsonOnPlainText()
    {
        var dir = Directory.CreateTempSubdirectory("hfp-spm-");
        try
        {
            File.Copy(TestFixtures.PathOf(Joint + "/vocab.joint.spm"), Path.Combine(dir.FullName, "source.spm"));
            File.Copy(TestFixtures.PathOf(Joint + "/vocab.json"), Path.Combine(dir.FullName, "vocab.json"));
            var fromSpm = HfTokenizer.FromFolder(dir.FullName);
            var fromJson = HfTokenizer.FromFolder(TestFixtures.PathOf(Joint));
            var plain = new EncodeOptions { AddSpecialTokens = false };

            // Both apply the compiled charsmap of the model, which folds case here. (Chars outside the vocabulary differ:
            // the spm has byte fallback, as sentencepiece itself, the converted tokenizer.json has byte_fallback false.)
            Assert.Equal(352, fromSpm.Encode("H", options: plain).Ids[1]);
            foreach (var text in new[] { "Hello World", "The quick brown fox jumps", "naïve café" })
            {
                Assert.Equal(fromJson.Encode(text, options: plain).Ids, fromSpm.Encode(text, options: plain).Ids);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void FromFolder_TruncatedSpm_ThrowsTokenizerLoadException()
    {
        var dir = Directory.CreateTempSubdirectory("hfp-spm-");
        try
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, "spiece.model"), [0x0A, 0x50, 0x0A]);

            var ex = Assert.Throws<TokenizerLoadException>(() => HfTokenizer.FromFolder(dir.FullName));
            Assert.Contains("spiece.model", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
