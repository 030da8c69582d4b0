namespace HfPipelines.LlamaCpp.Tests;

public sealed class GbnfCharClassesTests
{
    [Fact]
    public void Parse_LiteralsAndRanges_SplitOnlyWhereTheGrammarDiffers()
    {
        var classes = GbnfCharClasses.Parse("root ::= \"{\" [a-c] [^\"\\\\] \"\\u00e9\" # comment with ü\n");

        Assert.False(classes.IsIdentity);
        Assert.Equal(classes.Classify('a'), classes.Classify('c'));
        Assert.NotEqual(classes.Classify('c'), classes.Classify('d'));
        Assert.NotEqual(classes.Classify('{'), classes.Classify('|'));
        Assert.NotEqual(classes.Classify('"'), classes.Classify('#'));
        Assert.NotEqual(classes.Classify(0xE9), classes.Classify(0xEA));
        Assert.Equal(classes.Classify('x'), classes.Classify('z'));
        Assert.Equal(classes.Classify(0x4E2D), classes.Classify(0x1F600));
        Assert.Equal(classes.Classify('e'), classes.Classify('u'));
        Assert.Equal(classes.Classify(0xFB), classes.Classify(0xFC));
    }

    [Theory]
    [InlineData("root ::= <[1000]> \"a\"")]
    [InlineData("root ::= \"\\q\"")]
    [InlineData("root ::= \"unterminated\\")]
    public void Parse_UnknownConstruct_FallsBackToOneClassPerCodePoint(string gbnf)
    {
        var classes = GbnfCharClasses.Parse(gbnf);

        Assert.True(classes.IsIdentity);
        Assert.Equal(0x4E2D, classes.Classify(0x4E2D));
        Assert.NotEqual(classes.Classify('x'), classes.Classify('y'));
    }

    [Theory]
    [InlineData(new byte[] { 0x61 }, 0, 0)]
    [InlineData(new byte[] { 0xE4, 0xB8 }, 0, 1)]
    [InlineData(new byte[] { 0xAD }, 1, 0)]
    [InlineData(new byte[] { 0x61 }, 1, -1)]
    [InlineData(new byte[] { 0x80 }, 0, -1)]
    public void Advance_Utf8Pieces_TracksContinuationBytesLikeLlamaCpp(byte[] piece, int before, int after)
    {
        var remaining = before;
        LlamaTokenPieces.Advance(piece, ref remaining);
        Assert.Equal(after, remaining);
    }
}
