using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Generation;

namespace HfPipelines.Tests.Generation;

public class GenerationConstraintTests
{
    private static readonly ToolDefinition s_tool = new("get_weather", "Weather", JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement.Clone());

    [Theory]
    [InlineData(ToolCallFormat.Hermes, "root ::= \"<tool_call>\\n\" call \"\\n</tool_call>\"")]
    [InlineData(ToolCallFormat.BareJson, "root ::= call")]
    [InlineData(ToolCallFormat.Mistral, "root ::= \"[TOOL_CALLS]\" \"[\" call \"]\"")]
    public void ToGbnf_RequiredCall_WrapsInFamilyFormat(ToolCallFormat format, string root)
    {
        var grammar = GenerationConstraint.ForTools([s_tool], format, allowText: false).ToGbnf();
        Assert.StartsWith(root + "\n", grammar);
        var key = format == ToolCallFormat.BareJson ? "parameters" : "arguments";
        Assert.Contains($"tool0-call ::= \"{{\" ws \"\\\"name\\\"\" ws \":\" ws \"\\\"get_weather\\\"\" ws \",\" ws \"\\\"{key}\\\"\" ws \":\" ws tool0-args ws \"}}\"", grammar);
    }

    [Fact]
    public void ToGbnf_AllowText_AddsTextAlternative()
    {
        var grammar = GenerationConstraint.ForTools([s_tool], ToolCallFormat.Hermes, allowText: true).ToGbnf();
        Assert.StartsWith("root ::= (\"<tool_call>\\n\" call \"\\n</tool_call>\") | text\n", grammar);
        Assert.Contains("text ::= [^< \\t\\n] [^\\x00]*", grammar);
    }

    [Fact]
    public void ToJsonSchema_Tools_AnyOfCallsWithCappedStringsAndStrictWhitespace()
    {
        var schema = JsonNode.Parse(GenerationConstraint.ForTools([s_tool], ToolCallFormat.Hermes, false).ToJsonSchema(16))!;
        var call = schema["anyOf"]![0]!;
        Assert.Equal("get_weather", call["properties"]!["name"]!["const"]!.GetValue<string>());
        Assert.Equal(16, call["properties"]!["arguments"]!["properties"]!["city"]!["maxLength"]!.GetValue<int>());
        Assert.False(schema["x-guidance"]!["whitespace_flexible"]!.GetValue<bool>());
        Assert.False(call["properties"]!["arguments"]!["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public void ForJson_NoSchema_IsAnyObject()
    {
        var constraint = GenerationConstraint.ForJson(null);
        Assert.False(constraint.IsToolCall);
        Assert.StartsWith("root ::= any-object\n", constraint.ToGbnf());
    }

    [Fact]
    public void ForTools_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => GenerationConstraint.ForTools([], ToolCallFormat.Hermes, false));
    }

    [Theory]
    [InlineData("{% if x %}<tool_call>{% endif %}", ToolCallFormat.Hermes)]
    [InlineData("[TOOL_CALLS]", ToolCallFormat.Mistral)]
    [InlineData("{{ bos_token }}", ToolCallFormat.BareJson)]
    [InlineData(null, ToolCallFormat.BareJson)]
    public void Detect_TemplateText_PicksFormat(string? template, ToolCallFormat expected)
    {
        Assert.Equal(expected, ToolCallFormats.Detect(template));
    }
}
