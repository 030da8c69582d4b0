using HfPipelines.Testing;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace HfPipelines.Cli.Tests.Mcp;

/// <summary>
/// Malformed JSON-RPC on <c>hfp mcp</c>'s stdin (not JSON, wrong shapes, deep nesting, invalid UTF-8, huge lines, random
/// bytes): the server answers what it can with an error, writes nothing but JSON-RPC to stdout, keeps running, and a
/// good tool call afterwards succeeds.
/// </summary>
public sealed class McpProtocolFuzzTests
{

    private const string Translate = """{"name":"Language_translate","arguments":{"text":"hello","targetLanguage":"fr"}}""";

    public static TheoryData<string, string, string, string> MalformedLines() => new()
    {
        { "not JSON", "not json at all", "", "" },
        { "cut JSON", "{\"jsonrpc\":\"2.0\",\"id\":", "", "" },
        { "JSON null", "null", "", "" },
        { "array", "[1,2,{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}]", "", "" },
        { "no params", """{"jsonrpc":"2.0","id":"a","method":"tools/call"}""", "a", "code -32" },
        { "params a number", """{"jsonrpc":"2.0","id":"b","method":"tools/call","params":5}""", "b", "code -32" },
        { "name a number", """{"jsonrpc":"2.0","id":"c","method":"tools/call","params":{"name":5}}""", "c", "code -32" },
        { "arguments an array", """{"jsonrpc":"2.0","id":"d","method":"tools/call","params":{"name":"Language_translate","arguments":[1,2]}}""", "d", "code -32" },
        { "arguments a string", """{"jsonrpc":"2.0","id":"e","method":"tools/call","params":{"name":"Language_translate","arguments":"text"}}""", "e", "code -32" },
        { "deep nesting", """{"jsonrpc":"2.0","id":"f","method":"tools/call","params":{"name":"Language_translate","arguments":{"text":""" + new string('[', 5000) + new string(']', 5000) + "}}}", "f", "code -32" },
        { "lone surrogate", """{"jsonrpc":"2.0","id":"g","method":"tools/call","params":{"name":"Language_translate","arguments":{"text":"\ud800","targetLanguage":"fr"}}}""", "g", "'params.arguments.text' holds a string that escapes an unpaired UTF-16 surrogate" },
        { "id an object", """{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}""", "", "" },
        { "wrong version", """{"jsonrpc":"1.0","id":"h","method":"tools/list"}""", "h", "code -32" },
        { "unknown method", """{"jsonrpc":"2.0","id":"i","method":"nope/nope"}""", "i", "code -32" },
        { "unknown notification", """{"jsonrpc":"2.0","method":"notifications/nope","params":{"x":[1]}}""", "", "" },
        { "stray response", """{"jsonrpc":"2.0","id":123456,"result":{}}""", "", "" },
        { "huge argument", """{"jsonrpc":"2.0","id":"j","method":"tools/call","params":{"name":"Language_translate","arguments":{"text":" """ + new string('x', 5_000_000) + "\",\"targetLanguage\":\"fr\"}}}", "j", "translation_text" },
        { "control characters", "{\"jsonrpc\":\"2.0\",\"id\":\"k\",\"method\":\"tools/call\",\"params\":{\"name\":\"Language_\\u0000translate\",\"arguments\":{\"text\":\"\\u0007\\u001b[31m\"}}}", "k", "Unknown tool" },
    };

    [Theory]
    [MemberData(nameof(MalformedLines))]
    public async Task Mcp_MalformedLine_AnsweredAndServerKeepsAnswering(string name, string line, string id, string expected)
    {
        await using var session = McpTestSession.StartRaw(new CliFakeProvider());
        var rpc = new RawRpc(session);
        await rpc.InitializeAsync();

        await rpc.WriteAsync(Encoding.UTF8.GetBytes(line));
        var response = await rpc.RequestAsync("tools/call", Translate);

        Assert.Equal("""{"translation_text":"[fr] hello"}""", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.All(rpc.Lines, l => JsonDocument.Parse(l).Dispose());
        if (id.Length > 0)
        {
            var reply = await rpc.ResponseAsync(id);
            var answer = reply.TryGetProperty("error", out var error)
                ? $"{error.GetProperty("message").GetString()} code {error.GetProperty("code")}"
                : reply.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
            Assert.True(answer.Contains(expected, StringComparison.Ordinal), $"{name}: '{expected}' not in {answer}");
        }
    }

    [Fact]
    public async Task Mcp_InvalidUtf8_ServerKeepsAnswering()
    {
        await using var session = McpTestSession.StartRaw(new CliFakeProvider());
        var rpc = new RawRpc(session);
        await rpc.InitializeAsync();

        await rpc.WriteAsync([.. "{\"jsonrpc\":\"2.0\",\"id\":\"u\",\"method\":\"tools/call\",\"params\":{\"name\":\"Language_translate\",\"arguments\":{\"text\":\""u8, 0xff, 0xfe, 0xc3, .. "\",\"targetLanguage\":\"fr\"}}}"u8]);
        var response = await rpc.RequestAsync("tools/call", Translate);

        Assert.Equal("""{"translation_text":"[fr] hello"}""", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Mcp_RandomBytesLines_ServerAnswersPingAfterEach()
    {
        await using var session = McpTestSession.StartRaw(new CliFakeProvider());
        var rpc = new RawRpc(session);
        await rpc.InitializeAsync();
        var line = Gen.Frequency(
            (3, Gen.Byte.Array[0, 200]),
            (1, Gen.OneOf("{\"jsonrpc\":\"2.0\",", "\"id\":", "\"method\":\"tools/call\",", "\"params\":", "{", "}", "[", "]", "null", "\"x\"", "1", ",").Array[1, 20]
                .Select(tokens => Encoding.UTF8.GetBytes(string.Concat(tokens)))))
            .Select(bytes => bytes.Where(b => b != (byte)'\n' && b != (byte)'\r').ToArray());

        await line.CheckAsync(
            async bytes =>
            {
                await rpc.WriteAsync(bytes);
                var pong = await rpc.RequestAsync("ping", "{}");
                Assert.Equal(JsonValueKind.Object, pong.GetProperty("result").ValueKind);
            },
            iter: 300,
            threads: 1);

        var response = await rpc.RequestAsync("tools/call", Translate);
        Assert.Equal("""{"translation_text":"[fr] hello"}""", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"Language_translate","arguments":{"text":" """, "\"big\"")]
    [InlineData("""{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"Language_translate","arguments":{"text":" """, "42")]
    [InlineData("[[[[", "null")]
    public async Task Mcp_LineOverCap_JsonRpcErrorAndServerKeepsAnswering(string start, string id)
    {
        await using var session = McpTestSession.StartRaw(new CliFakeProvider(), "--max-line-bytes", "65536");
        var rpc = new RawRpc(session);
        await rpc.InitializeAsync();

        await rpc.WriteAsync([.. Encoding.UTF8.GetBytes(start), .. Enumerable.Repeat((byte)'x', 3_000_000), .. "\"}}}"u8]);
        var response = await rpc.RequestAsync("tools/call", Translate);

        Assert.Equal("""{"translation_text":"[fr] hello"}""", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        var error = Assert.Single(rpc.Lines, l => l.Contains("\"error\"", StringComparison.Ordinal));
        Assert.StartsWith($$"""{"jsonrpc":"2.0","id":{{id}},"error":{"code":-32600,"message":"The message is longer than 65536 bytes""", error, StringComparison.Ordinal);
        Assert.All(rpc.Lines, l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public async Task Mcp_LineJustUnderCap_Answered()
    {
        await using var session = McpTestSession.StartRaw(new CliFakeProvider(), "--max-line-bytes", "65536");
        var rpc = new RawRpc(session);
        await rpc.InitializeAsync();
        var prefix = """{"jsonrpc":"2.0","id":"fits","method":"tools/call","params":{"name":"Language_translate","arguments":{"text":" """;
        var suffix = "\",\"targetLanguage\":\"fr\"}}}";

        await rpc.WriteAsync(Encoding.UTF8.GetBytes(prefix + new string('y', 65536 - prefix.Length - suffix.Length) + suffix));
        var reply = await rpc.ResponseAsync("fits");

        Assert.StartsWith("{\"translation_text\":\"[fr]  yyy", reply.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    /// <summary>JSON-RPC by hand over the session's pipes: one message per line.</summary>
    private sealed class RawRpc(McpTestSession session)
    {
        private readonly StreamReader _reader = new(session.FromServer, new UTF8Encoding(false));
        private int _id;

        /// <summary>Every line the server wrote.</summary>
        public List<string> Lines { get; } = [];

        public async Task InitializeAsync()
        {
            await RequestAsync("initialize", """{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1.0"}}""");
            await WriteAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8.ToArray());
        }

        public async Task WriteAsync(byte[] line)
        {
            await session.ToServer.WriteAsync(line);
            await session.ToServer.WriteAsync("\n"u8.ToArray());
            await session.ToServer.FlushAsync();
        }

        /// <summary>Sends a request and reads lines until its response; fails if the server stops answering.</summary>
        public async Task<JsonElement> RequestAsync(string method, string parameters)
        {
            var id = $"req-{++_id}";
            await WriteAsync(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":"{{id}}","method":"{{method}}","params":{{parameters}}}"""));
            return await ResponseAsync(id);
        }

        /// <summary>The response to the request with this id (read or already seen); fails if the server stops answering.</summary>
        public async Task<JsonElement> ResponseAsync(string id)
        {
            // Guards against a hang only: a live server answers in milliseconds.
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            for (var seen = 0; ; seen++)
            {
                if (seen == Lines.Count)
                {
                    Lines.Add(await _reader.ReadLineAsync(guard.Token) ?? throw new InvalidOperationException("The server closed its output: it stopped."));
                }

                var message = JsonDocument.Parse(Lines[seen]).RootElement;
                if (message.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.String && got.GetString() == id)
                {
                    return message.Clone();
                }
            }
        }
    }
}
