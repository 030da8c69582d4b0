using HfPipelines.Tasks;

namespace HfPipelines.Tests.Tasks;

public sealed class TaskInputListsTests
{
    [Fact]
    public void Parse_OneCommaSeparatedValue_SplitTrimmedWithoutBlanks() =>
        Assert.Equal(["sports", "politics", "cooking"], TaskInputLists.Parse(" sports, politics,,cooking ", "--candidate-labels"));

    [Fact]
    public void Parse_JsonArray_ItemsKeptAsGiven() =>
        Assert.Equal(["Hi, earth", " Paris"], TaskInputLists.Parse("""["Hi, earth", " Paris"]""", "--sentences"));

    [Fact]
    public void Parse_RepeatedValues_EachValueOneItemNotSplit() =>
        Assert.Equal(["Hi, earth", "Bye", "a", "b, c"], TaskInputLists.Parse(["Hi, earth", "Bye", """["a", "b, c"]"""], "--sentences"));

    [Fact]
    public void Parse_NothingGiven_Empty()
    {
        Assert.Empty(TaskInputLists.Parse((string?)null, "--targets"));
        Assert.Empty(TaskInputLists.Parse([], "--targets"));
    }

    [Theory]
    [InlineData("[draft, final]")]
    [InlineData("[1, 2]")]
    [InlineData("[\"a\", null]")]
    public void Parse_BracketedButNotAJsonListOfStrings_ErrorNamingTheOptionAndTheFix(string value)
    {
        var error = Assert.Throws<InvalidPipelineInputException>(() => TaskInputLists.Parse(value, "--candidate-labels"));

        Assert.StartsWith("--candidate-labels:", error.Message, StringComparison.Ordinal);
        Assert.Contains("once per item", error.Message, StringComparison.Ordinal);
    }
}
