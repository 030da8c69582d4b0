using Microsoft.Extensions.AI;
using System.Text.Json;

namespace HfPipelines.Cli.Tests;

public sealed class ChatCommandTests
{
    private static string Field(string json, string name) => JsonDocument.Parse(json).RootElement.GetProperty(name).GetString()!;

    private static CliScriptedChatClient Script() => new(
        _ => CliScriptedChatClient.Call("c1", "Speech_transcribe", new() { ["audio"] = "meeting.wav" }),
        m => CliScriptedChatClient.Call("c2", "Language_summarize", new() { ["text"] = Field(CliScriptedChatClient.LastResult(m), "text") }),
        m => CliScriptedChatClient.Answer($"Summary: {Field(CliScriptedChatClient.LastResult(m), "summary_text")}"));

    [Fact]
    public async Task Chat_Prompt_ShowsEachToolCallAndResultThenAnswer()
    {
        var chat = Script();
        (string?, string?) asked = default;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr)
        {
            PipelineProviderFactory = () => new CliFakeProvider(),
            ChatClientFactory = (model, endpoint, _, _) => { asked = (model, endpoint); return Task.FromResult<IChatClient>(chat); },
        };

        var code = await CliApp.RunAsync(["chat", "--model", "qwen2.5-0.5b", "--prompt", "transcribe meeting.wav and summarize it"], context);

        Assert.Equal(0, code);
        Assert.Equal(("qwen2.5-0.5b", (string?)null), asked);
        Assert.Equal(
            ["-> Speech_transcribe {\"audio\":\"meeting.wav\"}", "<- Speech_transcribe {\"text\":\"transcript of meeting.wav\"}",
             "-> Language_summarize {\"text\":\"transcript of meeting.wav\"}", "<- Language_summarize {\"summary_text\":\"summary of: transcript of meeting.wav\"}",
             "Summary: summary of: transcript of meeting.wav"],
            stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.True(chat.Disposed);
    }

    [Fact]
    public async Task Chat_Interactive_AnswersEachLineUntilExit()
    {
        var chat = new CliScriptedChatClient(m => CliScriptedChatClient.Answer($"echo {m[^1].Text}"));
        using var stdout = new StringWriter();
        var context = new CliContext(stdout, new StringWriter())
        {
            In = new StringReader("hello\n\nexit\nnever read\n"),
            PipelineProviderFactory = () => new CliFakeProvider(),
            ChatClientFactory = (_, _, _, _) => Task.FromResult<IChatClient>(chat),
        };

        var code = await CliApp.RunAsync(["chat"], context);

        Assert.Equal(0, code);
        Assert.Equal(
            ["hfp chat: type a request, or 'exit' to leave.", "> echo hello", "> > "],
            stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Chat_ModelAndEndpoint_ExitsOne()
    {
        using var stderr = new StringWriter();
        var context = new CliContext(new StringWriter(), stderr) { ChatClientFactory = (_, _, _, _) => Task.FromResult<IChatClient>(Script()) };

        var code = await CliApp.RunAsync(["chat", "--model", "m", "--endpoint", "http://localhost:8080/v1", "-p", "hi"], context);

        Assert.Equal(1, code);
        Assert.Equal("hfp: Give either --model or --endpoint, not both." + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public async Task Chat_NoChatModelConfigured_ExitsOneSayingSo()
    {
        var (code, _, error) = await CliRunner.RunAsync("chat", "-p", "hi");

        Assert.Equal(1, code);
        Assert.Contains("No chat model is configured", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_InteractiveTurnFails_ReportsAndContinues()
    {
        var calls = 0;
        var chat = new CliScriptedChatClient(m => ++calls == 1 ? throw new HttpRequestException("endpoint down") : CliScriptedChatClient.Answer("back"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr)
        {
            In = new StringReader("first\nsecond\n"),
            PipelineProviderFactory = () => new CliFakeProvider(),
            ChatClientFactory = (_, _, _, _) => Task.FromResult<IChatClient>(chat),
        };

        var code = await CliApp.RunAsync(["chat"], context);

        Assert.Equal(0, code);
        Assert.Equal("hfp: endpoint down" + Environment.NewLine, stderr.ToString());
        Assert.Contains("back", stdout.ToString(), StringComparison.Ordinal);
    }
}
