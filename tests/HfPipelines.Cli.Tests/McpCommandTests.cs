using System.IO.Pipes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace HfPipelines.Cli.Tests;

public sealed class McpCommandTests
{
    [Fact]
    public async Task Mcp_ClientOverPipes_ListsToolsAndCallsTranslate()
    {
        using var toServer = new AnonymousPipeServerStream(PipeDirection.Out);
        using var serverIn = new AnonymousPipeClientStream(PipeDirection.In, toServer.ClientSafePipeHandle);
        using var fromServer = new AnonymousPipeServerStream(PipeDirection.In);
        using var serverOut = new AnonymousPipeClientStream(PipeDirection.Out, fromServer.ClientSafePipeHandle);
        var provider = new CliFakeProvider();
        using var stdout = new StringWriter();
        var context = new CliContext(stdout, new StringWriter())
        {
            PipelineProviderFactory = () => provider,
            OpenStandardInput = () => serverIn,
            OpenStandardOutput = () => serverOut,
        };
        var server = CliApp.RunAsync(["mcp"], context);

        IList<McpClientTool> tools;
        CallToolResult result;
        var client = await McpClient.CreateAsync(new StreamClientTransport(toServer, fromServer));
        await using (client)
        {
            tools = await client.ListToolsAsync();
            result = await client.CallToolAsync("Language_translate", new Dictionary<string, object?> { ["text"] = "hello", ["targetLanguage"] = "fr" });
            Assert.Equal("hfp", client.ServerInfo!.Name);
        }

        toServer.Dispose();
        Assert.Equal(0, await server);

        Assert.Equal(
            ["Classification_classify_text", "Classification_classify_zero_shot", "Classification_find_entities", "Generation_generate",
             "Language_answer_question", "Language_fill_mask", "Language_summarize", "Language_translate", "Speech_transcribe", "Vision_classify_image"],
            tools.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray());
        var translate = tools.Single(t => t.Name == "Language_translate");
        Assert.Contains("Translate a text", translate.Description, StringComparison.Ordinal);
        Assert.Equal(["text", "targetLanguage"], translate.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("""{"translation_text":"[fr] hello"}""", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Equal(1, provider.Disposed);
    }
}
