using System.Text.Json;
using HfPipelines.Generation;

namespace HfPipelines.Tests.Generation;

public class ToolCallParserTests
{
    [Fact]
    public void Parse_HermesCall_ReturnsCallAndText()
    {
        var result = ToolCallParser.Parse("Let me check.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": 2}}\n</tool_call>");
        var call = Assert.Single(result.Calls);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments["city"].GetString());
        Assert.Equal(2, call.Arguments["days"].GetInt32());
        Assert.Equal("Let me check.", result.Text);
    }

    [Fact]
    public void Parse_TwoHermesCalls_ReturnsBoth()
    {
        var result = ToolCallParser.Parse("<tool_call>{\"name\":\"a\",\"arguments\":{}}</tool_call><tool_call>{\"name\":\"b\",\"arguments\":{\"x\":1}}</tool_call>");
        Assert.Equal(["a", "b"], result.Calls.Select(c => c.Name));
        Assert.Equal(string.Empty, result.Text);
    }

    [Fact]
    public void Parse_HermesUnclosed_StillParses()
    {
        var result = ToolCallParser.Parse("<tool_call>\n{\"name\":\"a\",\"arguments\":{\"q\":\"x\"}}");
        Assert.Equal("a", Assert.Single(result.Calls).Name);
    }

    [Fact]
    public void Parse_LlamaBareJsonWithParameters_ReturnsCall()
    {
        var result = ToolCallParser.Parse(" {\"name\": \"search\", \"parameters\": {\"query\": \"cats\"}}");
        var call = Assert.Single(result.Calls);
        Assert.Equal("search", call.Name);
        Assert.Equal("cats", call.Arguments["query"].GetString());
    }

    [Fact]
    public void Parse_PythonTagPrefix_ReturnsCall()
    {
        var result = ToolCallParser.Parse("<|python_tag|>{\"name\": \"search\", \"parameters\": {}}");
        Assert.Equal("search", Assert.Single(result.Calls).Name);
    }

    [Fact]
    public void Parse_MistralToolCalls_ReturnsCalls()
    {
        var result = ToolCallParser.Parse("[TOOL_CALLS][{\"name\": \"a\", \"arguments\": {\"n\": 1}}, {\"name\": \"b\", \"arguments\": {}}]");
        Assert.Equal(["a", "b"], result.Calls.Select(c => c.Name));
    }

    [Fact]
    public void Parse_ArgumentsAsJsonString_AreParsed()
    {
        var result = ToolCallParser.Parse("{\"name\": \"a\", \"arguments\": \"{\\\"n\\\": 3}\"}");
        Assert.Equal(3, Assert.Single(result.Calls).Arguments["n"].GetInt32());
    }

    [Fact]
    public void Parse_OpenAiFunctionShape_ReturnsCall()
    {
        var result = ToolCallParser.Parse("[{\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":{\"n\":1}}}]");
        Assert.Equal(JsonValueKind.Number, Assert.Single(result.Calls).Arguments["n"].ValueKind);
    }

    [Theory]
    [InlineData("Once upon a time there was a girl.")]
    [InlineData("{\"answer\": 42}")]
    [InlineData("<tool_call>not json</tool_call>")]
    [InlineData("{\"name\": \"a\", \"arguments\": [1, 2]}")]
    [InlineData("{ broken")]
    public void Parse_NotACall_ReturnsTextOnly(string output)
    {
        var result = ToolCallParser.Parse(output);
        Assert.Empty(result.Calls);
        Assert.Equal(output.Trim(), result.Text);
    }
}
