using HfPipelines.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Tests.Mcp;

/// <summary>
/// Fuzzing of <c>hfp mcp</c>'s tool calls: random and malformed arguments (wrong types, missing required ones, unknown
/// names, huge strings, nested objects, control characters) and unknown tools give an error result with a clear
/// message (or, for an unknown tool, the protocol's error naming it), never a crash; a good call still succeeds after.
/// </summary>
public sealed class McpToolFuzzTests
{

    private static readonly string[] ToolNames =
    [
        "Classification_classify_text", "Classification_classify_zero_shot", "Classification_find_entities", "Generation_generate",
        "Language_answer_question", "Language_fill_mask", "Language_summarize", "Language_translate", "Speech_transcribe", "Vision_classify_image",
    ];

    private static readonly string[] ParameterNames =
        ["text", "labels", "multiLabel", "topK", "maxLength", "targetLanguage", "sourceLanguage", "question", "context", "prompt", "maxNewTokens", "image", "audio", "language", "returnTimestamps"];

    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char[' ', '~']),
        (2, Gen.Char['\0', '\u001f']),
        (1, Gen.Char['\u00a0', '\ud7ff']),
        (1, Gen.OneOf('\u2028', '\u2029', '\ufeff', '\uffff', '"', '\\', '{', '}')));

    private static readonly Gen<string> Text = Gen.Frequency(
        (12, AnyChar.Array[0, 24].Select(c => new string(c))),
        (3, Gen.OneOf("hello world", "fr", "en", "sales, support", "[\"a\",\"b\"]", "meeting.wav", "file:///etc/passwd", "http://example.com/a.wav", "../../x", "Paris is the [MASK] of France.", "5", "true", "")),
        (1, Gen.Int[100_000, 1_000_000].Select(n => new string('x', n))));

    private static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (5, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Long.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const(() => (JsonNode?)null)));

    private static readonly Gen<string> Key = Gen.Frequency((7, Gen.OneOf(ParameterNames)), (3, Text.Where(t => t.Length < 1000)));

    private static readonly Gen<JsonNode?> Value = Gen.Recursive<JsonNode?>((depth, self) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (8, Scalar),
            (1, self.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))),
            (1, Gen.Select(Key, self).Array[0, 4].Select(pairs => (JsonNode?)Object(pairs)))));

    private static readonly Gen<(string Name, Dictionary<string, JsonNode?> Arguments)> Call = Gen.Select(
        Gen.Frequency((17, Gen.OneOf(ToolNames)), (2, Text.Where(t => t.Length < 1000)), (1, Gen.OneOf(ToolNames).Select(n => n.ToUpperInvariant()))),
        Gen.Select(Key, Value).Array[0, 5],
        (name, pairs) => (name, pairs.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2)));

    [Fact]
    public async Task CallTool_RandomArguments_ErrorWithMessageOrResultAndServerStaysUp()
    {
        await using var session = await McpTestSession.StartAsync(new CliFakeProvider());
        var client = session.Client!;

        await Call.CheckAsync(c => CallAndCheckAsync(client, c.Name, c.Arguments), iter: 300, threads: 1);

        await AssertGoodCallAsync(client);
        Assert.Equal(string.Empty, session.Stdout.ToString());
    }

    [Fact]
    public async Task CallTool_RandomArgumentsOnRealLocalPipelines_ErrorWithMessageOrResult()
    {
        // The real offline provider: zero-shot runs on the embedded all-MiniLM-L6-v2; other tasks have no local model
        // here and must say so (ModelNotFoundException) rather than fail without a message.
        var home = Path.Combine(Path.GetTempPath(), "hfp-mcp-fuzz-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var provider = Pipeline.CreateProvider(HubOptions.FromVariables(n => n switch { "HF_HOME" => home, "HF_HUB_OFFLINE" => "1", _ => null }));
            await using var session = await McpTestSession.StartAsync(provider);
            var client = session.Client!;

            await Call.CheckAsync(c => CallAndCheckAsync(client, c.Name, c.Arguments), iter: 100, threads: 1);

            var result = await client.CallToolAsync("Classification_classify_zero_shot", new Dictionary<string, object?> { ["text"] = "I was charged twice, please refund me.", ["labels"] = "billing, sports" });
            Assert.NotEqual(true, result.IsError);
            Assert.StartsWith("""{"sequence":"I was charged twice, please refund me.","labels":["billing",""", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    public static TheoryData<string, string, string> PinnedCalls() => new()
    {
        { "Language_translate", """{"text":5,"targetLanguage":"fr"}""", "'text' must be text, got the number 5" },
        { "Language_translate", """{"text":"x"}""", "'targetLanguage' is missing (text, required)" },
        { "Language_translate", """{"text":"x","targetLanguage":""}""", "'targetLanguage' is empty" },
        { "Language_translate", """{"text":"x","targetLanguage":"fr","bo\u0007gus":1}""", "unknown argument 'bo\\u0007gus'" },
        { "Language_summarize", """{"text":"x","maxLength":"many"}""", "'maxLength' must be a whole number" },
        { "Language_summarize", """{"text":"x","maxLength":1e300}""", "got the number 1e300" },
        { "Language_summarize", """{"text":null}""", "'text' is missing" },
        { "Classification_classify_zero_shot", """{"text":"x","labels":"a","multiLabel":"yes"}""", "'multiLabel' must be true or false" },
        { "Classification_classify_zero_shot", """{"text":"x","labels":" , "}""", "'labels' holds no label" },
        { "Classification_classify_text", """{"text":"x"}""", "No fake pipeline for 'text-classification'" },
        { "Speech_transcribe", """{"audio":"http://x/y.wav"}""", "only local files are read" },
        { "Speech_transcribe", """{"audio":{"path":{"deeper":[1,2,{"x":null}]}}}""", "transcript of" },
    };

    [Theory]
    [MemberData(nameof(PinnedCalls))]
    public async Task CallTool_PinnedBadArguments_ClearErrorOrResult(string tool, string argumentsJson, string expected)
    {
        await using var session = await McpTestSession.StartAsync(new CliFakeProvider());
        var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson)!.ToDictionary(kv => kv.Key, kv => (object?)kv.Value);

        var result = await session.Client!.CallToolAsync(tool, arguments);

        Assert.Contains(expected, Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        Assert.Equal(!expected.StartsWith("transcript", StringComparison.Ordinal), result.IsError == true);
        await AssertGoodCallAsync(session.Client);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("")]
    [InlineData("language_translate")]
    [InlineData("Language_translate\u0000")]
    public async Task CallTool_UnknownTool_ProtocolErrorNamingItThenStillWorks(string tool)
    {
        await using var session = await McpTestSession.StartAsync(new CliFakeProvider());

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => session.Client!.CallToolAsync(tool, new Dictionary<string, object?> { ["text"] = "x" }).AsTask());

        Assert.Contains($"Unknown tool: '{tool}'", error.Message, StringComparison.Ordinal);
        await AssertGoodCallAsync(session.Client!);
    }

    /// <summary>One call: a result, an error result with the tool's name and a message, or (unknown tool only) a protocol error.</summary>
    private static async Task CallAndCheckAsync(McpClient client, string name, Dictionary<string, JsonNode?> arguments)
    {
        var json = arguments.ToDictionary(kv => kv.Key, kv => kv.Value is null ? null : (object?)JsonSerializer.SerializeToElement(kv.Value));
        try
        {
            var result = await client.CallToolAsync(name, json);
            var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
            if (result.IsError == true)
            {
                var prefix = $"An error occurred invoking '{name}': ";
                Assert.StartsWith(prefix, text, StringComparison.Ordinal);
                Assert.True(text.Length > prefix.Length + 10, $"No message after the prefix: {text}");
            }
            else
            {
                Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
            }
        }
        catch (McpProtocolException ex) when (!ToolNames.Contains(name, StringComparer.Ordinal))
        {
            Assert.Contains("Unknown tool", ex.Message, StringComparison.Ordinal);
        }
    }

    private static async Task AssertGoodCallAsync(McpClient client)
    {
        var result = await client.CallToolAsync("Language_translate", new Dictionary<string, object?> { ["text"] = "hello", ["targetLanguage"] = "fr" });
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("""{"translation_text":"[fr] hello"}""", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    private static JsonObject Object(IEnumerable<(string Key, JsonNode? Value)> pairs)
    {
        var result = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            result[key] = value;
        }

        return result;
    }
}
