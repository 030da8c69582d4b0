using System.Text.Json;
using HfPipelines.Generation;
using Microsoft.Extensions.AI;

namespace HfPipelines.Tests.Generation;

public class ChatMessageConverterTests
{
    [Fact]
    public void ToTemplateMessages_ToolRoundTrip_GivesTemplateShape()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "Be brief."),
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 2 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "Sunny")]),
        ];
        var json = ChatMessageConverter.ToTemplateMessages(messages).ToJsonString();
        Assert.Equal(
            """[{"role":"system","content":"Be brief."},{"role":"user","content":"Weather in Paris?"},"""
            + """{"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":{"city":"Paris","days":2}}}]},"""
            + """{"role":"tool","tool_call_id":"call_1","name":"get_weather","content":"Sunny"}]""",
            json);
    }

    [Fact]
    public void ToTemplateMessages_ObjectResult_IsSerializedAsJson()
    {
        var json = ChatMessageConverter.ToTemplateMessages([new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c", new Dictionary<string, int> { ["t"] = 21 })])]);
        Assert.Equal("{\"t\":21}", json[0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void ToTemplateTools_Function_GivesOpenAiShape()
    {
        var function = AIFunctionFactory.Create((string city) => city, "get_weather", "Gets weather.");
        var tools = ChatMessageConverter.ToTemplateTools(ChatMessageConverter.ToToolDefinitions([function]));
        var tool = tools[0]!;
        Assert.Equal("function", tool["type"]!.GetValue<string>());
        Assert.Equal("get_weather", tool["function"]!["name"]!.GetValue<string>());
        Assert.Equal("Gets weather.", tool["function"]!["description"]!.GetValue<string>());
        Assert.Equal("string", tool["function"]!["parameters"]!["properties"]!["city"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void ToToolDefinitions_NonFunctionTools_AreSkipped()
    {
        Assert.Empty(ChatMessageConverter.ToToolDefinitions([new HostedWebSearchTool()]));
        Assert.Empty(ChatMessageConverter.ToToolDefinitions(null));
        Assert.Equal(JsonValueKind.Object, ChatMessageConverter.ToToolDefinitions([AIFunctionFactory.Create(() => 1, "f")])[0].ParametersSchema.ValueKind);
    }
}
