using HfPipelines.Testing;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tokenization;

public class BadInputTests
{
    public static TheoryData<string> Folders => new()
    {
        "tokenizers/bert-base-uncased", "tokenizers/gpt2", "tokenizers/roberta-base", "tokenizers/llama-2",
        "tokenizers/phi-3-mini", "tokenizers/t5-small", "tokenizers/clip-vit-base-patch32", "tokenizers/whisper-tiny",
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public void Encode_EmptyAndLoneSurrogates_ReturnsResult(string folder)
    {
        if (!TestFixtures.Exists(folder))
        {
            return;
        }

        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf(folder));
        var plain = new EncodeOptions { AddSpecialTokens = false };

        Assert.Empty(tokenizer.Encode(string.Empty, options: plain).Ids);
        foreach (var text in new[] { "\uD83D", "a\uDC00b", "\uDC00\uD800", "x\uD83D" })
        {
            var e = tokenizer.Encode(text);
            Assert.All(e.Offsets, o => Assert.InRange(o.End, o.Start, text.Length));
            Assert.NotNull(tokenizer.Decode(e.Ids));
        }
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Encode_OneMegabyte_ReturnsTokensCoveringTheText(string folder)
    {
        if (!TestFixtures.Exists(folder))
        {
            return;
        }

        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf(folder));
        var text = string.Concat(Enumerable.Repeat("The quick brown fox, 42 naïve 🤗 jumps!\n", 1_000_000 / 40));

        var e = tokenizer.Encode(text, options: new EncodeOptions { AddSpecialTokens = false });

        Assert.True(e.Length > 100_000);
        Assert.True(e.Offsets[^1].End >= text.Length - 2);
    }

    [Fact]
    public void Encode_OneMegabyteWithoutSpaces_SentencePieceBpeFinishes()
    {
        if (!TestFixtures.Exists("tokenizers/llama-2"))
        {
            return;
        }

        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/llama-2"));

        var e = tokenizer.Encode(new string('a', 1_000_000), options: new EncodeOptions { AddSpecialTokens = false });

        Assert.True(e.Length > 1000);
    }

    [FixtureFact("tokenizers/roberta-base")]
    public void Encode_SpecialTokenLookAlikes_MatchesOnlyExactTokens()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/roberta-base"));

        var e = tokenizer.Encode("<s> <s < /s> </s></s><mask>< mask>", options: new EncodeOptions { AddSpecialTokens = false });

        Assert.Equal(2, e.Ids.Count(id => id == 2));
        Assert.Equal(1, e.Ids.Count(id => id == 0));
        Assert.Equal(1, e.Ids.Count(id => id == 50264));
    }

    [FixtureFact("tokenizers/whisper-tiny")]
    public void Encode_MegabyteOfSpecialTokenPrefixes_Finishes()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/whisper-tiny"));
        var text = string.Concat(Enumerable.Repeat("<|en<|0.0<|endoftext|", 50_000));

        var e = tokenizer.Encode(text, options: new EncodeOptions { AddSpecialTokens = false });

        Assert.DoesNotContain(50257, e.Ids);
        Assert.Equal(text, tokenizer.Decode(e.Ids));
    }

    [FixtureFact("tokenizers/roberta-base")]
    public void Encode_RobertaMaskWithLStrip_TakesTheSpaceBefore()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/roberta-base"));

        var e = tokenizer.Encode("Hello <mask>!");

        Assert.Equal(["<s>", "Hello", "<mask>", "!", "</s>"], e.Tokens);
        Assert.Equal((5, 12), e.Offsets[2]);
    }

    [FixtureFact("tokenizers/roberta-base")]
    public void Encode_RobertaPair_AddsDoubleSeparatorAndTrimsOffsets()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/roberta-base"));

        var e = tokenizer.Encode("Hi there", "you");

        Assert.Equal(["<s>", "Hi", "Ġthere", "</s>", "</s>", "you", "</s>"], e.Tokens);
        Assert.Equal((3, 8), e.Offsets[2]);
    }

    [Fact]
    public void Encode_StrideNotBelowRoom_ThrowsClearError()
    {
        if (!TestFixtures.Exists("tokenizers/bert-base-uncased"))
        {
            return;
        }

        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/bert-base-uncased"));

        var ex = Assert.Throws<InvalidPipelineInputException>(() => tokenizer.Encode("a b c d e f g", options: new EncodeOptions { MaxLength = 4, Stride = 2 }));
        Assert.Contains("stride", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
