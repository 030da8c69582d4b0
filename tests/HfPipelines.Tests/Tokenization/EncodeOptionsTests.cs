using HfPipelines.Testing;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tokenization;

public class EncodeOptionsTests
{
    [FixtureFact("tokenizers/bert-base-uncased")]
    public void Encode_InvalidOptions_ThrowsNamingTheOption()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/bert-base-uncased"));

        Assert.Equal("MaxLength", Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Encode("a", options: new EncodeOptions { MaxLength = -1 })).ParamName);
        Assert.Equal("Stride", Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Encode("a", options: new EncodeOptions { Stride = 2 })).ParamName);
        Assert.Equal("PadToLength", Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Encode("a", options: new EncodeOptions { PadToLength = -3 })).ParamName);
        Assert.Throws<InvalidPipelineInputException>(() => tokenizer.Encode("a b", options: new EncodeOptions { MaxLength = 1 }));
        Assert.Throws<InvalidPipelineInputException>(() => tokenizer.Encode("a b", options: new EncodeOptions { MaxLength = 3, Truncation = TruncationStrategy.OnlySecond }));
    }

    [FixtureFact("tokenizers/gpt2")]
    public void Encode_PaddingWithoutPadToken_ThrowsClearError()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/gpt2"));

        var ex = Assert.Throws<InvalidPipelineInputException>(() => tokenizer.Encode("hello", options: new EncodeOptions { PadToLength = 8 }));
        Assert.Contains("pad_token", ex.Message, StringComparison.Ordinal);
    }

    [FixtureFact("tokenizers/gpt2")]
    public void Encode_ManyThreads_SameIdsAsOneThread()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/gpt2"));
        var texts = ExpectedFiles.Corpus();
        var sequential = texts.Select(t => tokenizer.Encode(t).Ids).ToArray();

        var parallel = new int[texts.Length][];
        Parallel.For(0, texts.Length, i => parallel[i] = tokenizer.Encode(texts[i]).Ids);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }
    }

    [FixtureFact("tokenizers/bert-base-uncased")]
    public void EncodePairs_PadToLongestWithOverflow_PadsEveryWindow()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/bert-base-uncased"));

        var batch = tokenizer.EncodePairs([("q", "a b c d e f g"), ("q", "a")], new EncodeOptions { MaxLength = 8, Stride = 2, Truncation = TruncationStrategy.OnlySecond }, padToLongest: true);

        Assert.Equal(8, batch[0].Length);
        Assert.All(batch[0].Overflowing, o => Assert.Equal(8, o.Length));
        Assert.Equal(8, batch[1].Length);
        Assert.Equal([1, 1, 1, 1, 1, 0, 0, 0], batch[1].AttentionMask);
        Assert.Equal(["[CLS]", "q", "[SEP]", "c", "d", "e", "f", "[SEP]"], batch[0].Overflowing[0].Tokens);
        Assert.Equal(["[CLS]", "q", "[SEP]", "e", "f", "g", "[SEP]", "[PAD]"], batch[0].Overflowing[1].Tokens);
    }
}
