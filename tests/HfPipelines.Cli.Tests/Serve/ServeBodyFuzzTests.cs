using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using HfPipelines.Testing;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>
/// Hostile JSON bodies on every task route and on <c>/v1/chat/completions</c> of a real Kestrel server on 127.0.0.1:
/// random bytes, JSON token soup, wrong types in every field, escaped unpaired surrogates and invalid UTF-8 inside
/// strings. Never a 500: every answer is a success or a 4xx with a JSON error, the status counted in /metrics is the one
/// sent, and a good request is answered afterwards. Fixed seed, 400 cases.
/// </summary>
public sealed class ServeBodyFuzzTests
{
    private static readonly string[] Keys = ["inputs", "parameters", "top_k", "candidate_labels", "hypothesis_template", "multi_label", "question", "context",
        "source_sentence", "sentences", "text", "src_lang", "tgt_lang", "max_new_tokens", "model", "messages", "role", "content", "stream", "max_tokens",
        "temperature", "tools", "tool_choice", "response_format", "\\ud800", "", "__proto__"];

    private static readonly Gen<string> Scalar = Gen.OneOf(
        "null", "true", "false", "0", "-1", "1e400", "-0.0", "9223372036854775808", "3.5", "\"love\"", "\"\"", "\"hello world\"", "\"\\ud800\"",
        "\"a\\udc00b\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"user\"", "\"assistant\"", "\"test/chat\"", "\"[MASK]\"", "\"sales, support\"", "\"x\\ny\"");

    private static readonly Gen<string> Value = Gen.Recursive<string>((depth, self) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (5, Scalar),
            (2, self.Array[0, 4].Select(items => "[" + string.Join(',', items) + "]")),
            (2, Gen.Select(Gen.OneOf(Keys), self).Array[0, 4].Select(pairs => "{" + string.Join(',', pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}"))));

    private static readonly Gen<byte[]> TaskBody = Gen.Frequency(
        (6, Gen.Select(Value, Value).Select((inputs, parameters) => Encoding.UTF8.GetBytes($"{{\"inputs\":{inputs},\"parameters\":{parameters}}}"))),
        (2, Value.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 100]),
        (1, Gen.OneOf("{", "}", "[", "]", ",", ":", "\"inputs\"", "\"x\"", "1", "null").Array[1, 12].Select(tokens => Encoding.UTF8.GetBytes(string.Concat(tokens)))),
        (1, Gen.Byte[0x80, 0xff].Array[1, 4].Select(bad => (byte[])[.. "{\"inputs\":\"a"u8, .. bad, .. "\"}"u8])));

    private static readonly Gen<byte[]> ChatBody = Gen.Frequency(
        (5, Gen.Select(Value, Value, Value).Select((role, content, stream) => Encoding.UTF8.GetBytes(
            $"{{\"model\":\"test/chat\",\"messages\":[{{\"role\":{role},\"content\":{content}}}],\"stream\":{stream}}}"))),
        (2, Value.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte[0x80, 0xff].Array[1, 4].Select(bad => (byte[])[.. "{\"model\":\"test/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"a"u8, .. bad, .. "\"}]}"u8])));

    private static readonly string[] TaskRoutes = [.. ServeTestServer.AllModels.Where(m => m.Model != ServeFakeProvider.Slow)
        .SelectMany(m => new[] { $"/models/{m.Model}", $"/models/{m.Model}/pipeline/{m.Task}" }).Distinct()];

    private static readonly Gen<(string Route, byte[] Body)> Request = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf(TaskRoutes), TaskBody)),
        (1, Gen.Select(Gen.Const("/v1/chat/completions"), ChatBody)));

    [Fact]
    public async Task Serve_HostileBodies_NeverA500AndCountedAsSent()
    {
        await using var server = await ServeTestServer.StartAsync();
        var sent = new Dictionary<int, int>();

        await Request.CheckAsync(
            async request =>
            {
                using var content = new ByteArrayContent(request.Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await server.Client.PostAsync(new Uri(request.Route, UriKind.Relative), content);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                sent[status] = sent.GetValueOrDefault(status) + 1;
                Assert.True(status < 500, $"{request.Route} {Encoding.UTF8.GetString(request.Body)} -> {status} '{body}'");
                if (response.Content.Headers.ContentType?.MediaType == "application/json")
                {
                    using var document = JsonDocument.Parse(body);
                    Assert.True(status == 200 || document.RootElement.TryGetProperty("error", out _), body);
                }
            },
            iter: 400,
            threads: 1);

        var (good, answer) = await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/classifier", """{"inputs": "I love it"}""");
        Assert.Equal(HttpStatusCode.OK, good);
        Assert.Contains("POSITIVE", answer, StringComparison.Ordinal);
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var counted = metrics.Split('\n').Where(l => l.StartsWith("hfp_requests_total{", StringComparison.Ordinal) && l.Contains("method=\"POST\"", StringComparison.Ordinal))
            .GroupBy(l => int.Parse(l.Split("status=\"")[1].Split('"')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Sum(l => int.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)));
        sent[200] = sent.GetValueOrDefault(200) + 1;
        Assert.Equal(sent.OrderBy(p => p.Key), counted.OrderBy(p => p.Key));
    }
}
