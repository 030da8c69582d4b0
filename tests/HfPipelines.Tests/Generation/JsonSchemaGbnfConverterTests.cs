using System.Text.Json;
using HfPipelines.Generation;

namespace HfPipelines.Tests.Generation;

public class JsonSchemaGbnfConverterTests
{
    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Convert_ObjectWithRequiredAndOptional_OrdersRequiredFirst()
    {
        var grammar = JsonSchemaGbnfConverter.Convert(Schema("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a"]}"""));
        Assert.StartsWith("root ::= value\n", grammar);
        Assert.Contains("value ::= \"{\" ws \"\\\"a\\\"\" ws \":\" ws string-0-48 (\",\" ws \"\\\"b\\\"\" ws \":\" ws integer)? ws \"}\"", grammar);
        Assert.Contains("string-0-48 ::= \"\\\"\" char{0,48} \"\\\"\"", grammar);
        Assert.Contains("integer ::= \"-\"? (\"0\" | [1-9] [0-9]{0,11})", grammar);
    }

    [Fact]
    public void Convert_StringMaxLength_UsesSmallerOfSchemaAndCap()
    {
        var small = JsonSchemaGbnfConverter.Convert(Schema("""{"type":"string","maxLength":5,"minLength":2}"""));
        Assert.Contains("char{2,5}", small);
        var capped = JsonSchemaGbnfConverter.Convert(Schema("""{"type":"string","maxLength":5000}"""), new JsonSchemaGbnfOptions { MaxStringLength = 20 });
        Assert.Contains("char{0,20}", capped);
    }

    [Fact]
    public void Convert_EnumAndConst_AreLiterals()
    {
        var grammar = JsonSchemaGbnfConverter.Convert(Schema("""{"type":"object","properties":{"u":{"enum":["c","f"]},"k":{"const":3}},"required":["u","k"]}"""));
        Assert.Contains("value-u ::= (\"\\\"c\\\"\") | (\"\\\"f\\\"\")", grammar);
        Assert.Contains("ws \"3\" ws \"}\"", grammar);
    }

    [Fact]
    public void Convert_ArrayWithBounds_UsesRepetition()
    {
        var grammar = JsonSchemaGbnfConverter.Convert(Schema("""{"type":"array","items":{"type":"boolean"},"minItems":1,"maxItems":3}"""));
        Assert.Contains("value ::= \"[\" ws boolean (\",\" ws boolean){0,2} ws \"]\"", grammar);
    }

    [Fact]
    public void Convert_AnyOfAndTypeList_AreAlternatives()
    {
        var grammar = JsonSchemaGbnfConverter.Convert(Schema("""{"anyOf":[{"type":"number"},{"type":["string","null"]}]}"""));
        Assert.Contains("value ::= (number) | (value-1)", grammar);
        Assert.Contains("value-1 ::= (string-0-48) | (null)", grammar);
    }

    [Fact]
    public void Convert_LocalRef_IsResolved()
    {
        var grammar = JsonSchemaGbnfConverter.Convert(Schema("""{"type":"object","properties":{"p":{"$ref":"#/$defs/point"}},"required":["p"],"$defs":{"point":{"type":"object","properties":{"x":{"type":"number"}},"required":["x"]}}}"""));
        Assert.Contains("ref-point ::= ref-point-def", grammar);
        Assert.Contains("ref-point-def ::= \"{\" ws \"\\\"x\\\"\" ws \":\" ws number ws \"}\"", grammar);
    }

    [Fact]
    public void Convert_OnlyOptionalProperties_AllowsAnyOrderedSubset()
    {
        var grammar = JsonSchemaGbnfConverter.Convert(Schema("""{"type":"object","properties":{"a":{"type":"boolean"},"b":{"type":"boolean"}}}"""));
        Assert.Contains("value ::= \"{\" ws (value-opt)? ws \"}\"", grammar);
        Assert.Contains("value-opt ::= (\"\\\"a\\\"\" ws \":\" ws boolean (\",\" ws \"\\\"b\\\"\" ws \":\" ws boolean)?) | (\"\\\"b\\\"\" ws \":\" ws boolean)", grammar);
    }

    [Fact]
    public void Convert_UnknownKeysAndEmptySchema_GiveAnyValue()
    {
        var grammar = JsonSchemaGbnfConverter.Convert(Schema("""{"condition":"x"}"""));
        Assert.StartsWith("root ::= any-value\n", grammar);
        Assert.Contains("any-value ::= scalar | any-array | any-object", grammar);
    }

    [Fact]
    public void Options_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonSchemaGbnfOptions { MaxStringLength = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonSchemaGbnfOptions { MaxArrayItems = 1000 });
    }

    [Fact]
    public void Literal_SpecialCharacters_AreEscaped()
    {
        Assert.Equal("\"\\\"a\\\\b\\n\"", JsonSchemaGbnfConverter.Literal("\"a\\b\n"));
    }
}
