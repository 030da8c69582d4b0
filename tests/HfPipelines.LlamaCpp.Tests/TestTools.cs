using System.ComponentModel;
using System.Text.Json;
using HfPipelines.Generation;
using Microsoft.Extensions.AI;

namespace HfPipelines.LlamaCpp.Tests;

internal enum TemperatureUnit
{
    Celsius,
    Fahrenheit,
}

/// <summary>The tools and templates the tests use.</summary>
internal static class TestTools
{
    public const string StoriesPath = "gguf/stories260K/stories260K.gguf";
    public const string StoriesV1Path = "gguf/stories260K/tinyllamas-stories-260k-f32.gguf";
    public const string RandomLlamaPath = "gguf/llama-2-tiny-random/llama-2-tiny-random.gguf";
    public const string QwenTemplatePath = "chat-templates/Qwen-Qwen2.5-7B-Instruct.jinja";

    public static AIFunction Weather(Action<string, TemperatureUnit, int>? onCall = null) => AIFunctionFactory.Create(
        ([Description("The city")] string city, [Description("The unit")] TemperatureUnit unit, [Description("Days ahead")] int days) =>
        {
            onCall?.Invoke(city, unit, days);
            return $"Sunny in {city}";
        },
        "get_weather",
        "Gets the weather forecast for a city.");

    public static AIFunction Search() => AIFunctionFactory.Create(
        ([Description("Words to find")] string query, [Description("Most results")] int limit, [Description("Exact match only")] bool exact) => "none",
        "search",
        "Searches documents.");

    public static ToolDefinition Definition(AIFunction function) => new(function.Name, function.Description, function.JsonSchema);

    public static JsonElement SchemaOf(AIFunction function) => function.JsonSchema;
}
