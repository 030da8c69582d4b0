using HfPipelines.Testing;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tokenization;

/// <summary>A tokenizer lends its working buffers from call to call: results must not depend on earlier calls or on
/// other threads encoding at the same time.</summary>
public class EncodeBufferReuseTests
{
    private static readonly string[] Texts =
    [
        "Hello, world!",
        "A much longer sentence, with punctuation; numbers like 3.14 and 42, and naïve café words.",
        "",
        "CAFÉ Ünïcode 中文 🤗 [MASK] <s> </s>",
        "short",
    ];

    [FixtureTheory("tokenizers")]
    [InlineData("bert-base-uncased")]
    [InlineData("gpt2")]
    [InlineData("t5-small")]
    [InlineData("llama-2")]
    public void Encode_AfterOtherTexts_EqualsAFreshTokenizer(string name)
    {
        var folder = TestFixtures.PathOf("tokenizers/" + name);
        var used = HfTokenizer.FromFolder(folder);
        foreach (var text in Texts.Reverse())
        {
            used.Encode(text, "a pair text");
        }

        foreach (var text in Texts)
        {
            AssertSame(HfTokenizer.FromFolder(folder).Encode(text), used.Encode(text));
        }
    }

    [FixtureTheory("tokenizers")]
    [InlineData("bert-base-uncased")]
    [InlineData("gpt2")]
    [InlineData("t5-small")]
    public async Task Encode_FromManyThreadsAtOnce_EqualsOneAtATime(string name)
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/" + name));
        var inputs = Enumerable.Range(0, 400).Select(i => Texts[i % Texts.Length] + " " + i).ToArray();
        var alone = inputs.Select(t => tokenizer.Encode(t)).ToArray();

        var together = await Task.WhenAll(inputs.Select(t => Task.Run(() => tokenizer.Encode(t))));

        for (var i = 0; i < inputs.Length; i++)
        {
            AssertSame(alone[i], together[i]);
        }
    }

    private static void AssertSame(TokenEncoding expected, TokenEncoding actual)
    {
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.Tokens, actual.Tokens);
        Assert.Equal(expected.Offsets, actual.Offsets);
        Assert.Equal(expected.WordIds, actual.WordIds);
        Assert.Equal(expected.SequenceIds, actual.SequenceIds);
        Assert.Equal(expected.TypeIds, actual.TypeIds);
        Assert.Equal(expected.SpecialTokensMask, actual.SpecialTokensMask);
        Assert.Equal(expected.AttentionMask, actual.AttentionMask);
    }
}
