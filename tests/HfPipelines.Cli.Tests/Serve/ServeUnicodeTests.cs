using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>Bodies that parse as JSON but hold no text (an escaped lone surrogate, invalid UTF-8): 400 naming the field,
/// logged and counted as 400 (they were an empty 500, logged and counted as 200).</summary>
public sealed class ServeUnicodeTests
{
    public static TheoryData<string, byte[], string> Cases() => new()
    {
        { "/models/test/classifier", """{"inputs": "\ud800"}"""u8.ToArray(), "'inputs'" },
        { "/models/test/classifier", """{"inputs": ["fine", "x\udc00"]}"""u8.ToArray(), "'inputs[1]'" },
        { "/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/zero-shot-classification", """{"inputs": "hi", "parameters": {"candidate_labels": ["a", "\ud800"]}}"""u8.ToArray(), "'parameters.candidate_labels[1]'" },
        { "/models/test/classifier", [.. """{"inputs": "a"""u8, 0xff, 0xfe, .. "\"}"u8], "'inputs'" },
        { "/v1/chat/completions", """{"model": "test/chat", "messages": [{"role": "user", "content": "\ud800"}]}"""u8.ToArray(), "'messages[0].content'" },
        { "/v1/chat/completions", [.. """{"model": "test/chat", "messages": [{"role": "user", "content": "a"""u8, 0xc3, .. "\"}]}"u8], "'messages[0].content'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_StringThatIsNotText_400NamingFieldLoggedAndCounted(string route, byte[] body, string field)
    {
        await using var server = await ServeTestServer.StartAsync();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await server.Client.PostAsync(new Uri(route, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"The field {field} holds a string that is not Unicode text", text, StringComparison.Ordinal);
        Assert.Contains("method=\"POST\",status=\"400\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("status=\"200\"", metrics.Split('\n').Where(l => l.Contains("POST", StringComparison.Ordinal)).FirstOrDefault() ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("\"status\":400", server.Logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_PipelineBug_500WithJsonBodyLoggedAndCountedAs500()
    {
        await using var server = await ServeTestServer.StartAsync(o => o.Models = [new(HfPipelines.Tasks.PipelineTasks.TextClassification, ServeFakeProvider.Broken)]);

        var (status, body) = await ServeTaskRoutesTests.PostJsonAsync(server, "/models/test/broken", """{"inputs": "x"}""");
        var metrics = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("""{"error":"The server failed on this request (NotSupportedException); the server log has the details."}""", body);
        Assert.Contains("method=\"POST\",status=\"500\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\"status\":500", server.Logs.ToString(), StringComparison.Ordinal);
    }
}
