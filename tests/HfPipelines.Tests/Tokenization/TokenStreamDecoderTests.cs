using HfPipelines.Testing;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tokenization;

public class TokenStreamDecoderTests
{
    private const string Text = "Hello 🤗 wörld, 你好! 👨‍👩‍👧 done.";

    [Theory]
    [InlineData("tokenizers/gpt2")]
    [InlineData("tokenizers/llama-2")]
    [InlineData("tokenizers/phi-3-mini")]
    [InlineData("tokenizers/t5-small")]
    public void Add_IdsOneByOne_ConcatenationEqualsFullDecodeWithoutHalfCharacters(string folder)
    {
        if (!TestFixtures.Exists(folder))
        {
            return;
        }

        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf(folder));
        var ids = tokenizer.Encode(Text, options: new EncodeOptions { AddSpecialTokens = false }).Ids;
        var stream = new TokenStreamDecoder(tokenizer);
        var pieces = ids.Select(stream.Add).ToList();
        pieces.Add(stream.Flush());

        Assert.Equal(tokenizer.Decode(ids, skipSpecialTokens: true, cleanUpTokenizationSpaces: false), string.Concat(pieces));
        Assert.DoesNotContain(pieces, p => p.Contains('\uFFFD', StringComparison.Ordinal));
        Assert.Contains(pieces, p => p.Length == 0);
    }

    [FixtureFact("tokenizers/gpt2")]
    public void Flush_IncompleteCharacter_ReturnsReplacementChar()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/gpt2"));
        var ids = tokenizer.Encode("🤗").Ids;
        var stream = new TokenStreamDecoder(tokenizer);

        Assert.Equal(string.Empty, stream.Add(ids[0]));
        Assert.Equal("\uFFFD", stream.Flush());
    }
}
