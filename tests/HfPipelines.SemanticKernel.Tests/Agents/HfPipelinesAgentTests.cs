using System.Text.Json;
using HfPipelines.SemanticKernel.Agents;
using HfPipelines.SemanticKernel.Tests.Fakes;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.SemanticKernel.Tests.Agents;

public sealed class HfPipelinesAgentTests
{
    private static string Field(string json, string name) => JsonDocument.Parse(json).RootElement.GetProperty(name).GetString()!;

    private static ScriptedChatClient MeetingScript() => new(
        _ => ScriptedChatClient.Call("c1", "Speech_transcribe", new() { ["audio"] = "meeting.wav" }),
        m => ScriptedChatClient.Call("c2", "Language_summarize", new() { ["text"] = Field(ScriptedChatClient.LastResult(m), "text") }),
        m => ScriptedChatClient.Call("c3", "Language_translate", new() { ["text"] = Field(ScriptedChatClient.LastResult(m), "summary_text"), ["targetLanguage"] = "fr" }),
        m => ScriptedChatClient.Call("c4", "Classification_classify_zero_shot", new() { ["text"] = Field(ScriptedChatClient.LastResult(m), "translation_text"), ["labels"] = "sales, support" }),
        m => ScriptedChatClient.Answer($"It is about {JsonDocument.Parse(ScriptedChatClient.LastResult(m)).RootElement.GetProperty("labels")[0].GetString()}."));

    [Fact]
    public async Task RunStreamingAsync_MeetingRequest_ChainsFourToolsEachFedByThePrevious()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var client = MeetingScript();
        var agent = new HfPipelinesAgent(client, HfPipelinesAIFunctions.Create(provider), new HfPipelinesAgentOptions { SystemPrompt = "You use tools." });

        var events = new List<AgentEvent>();
        await foreach (var e in agent.RunStreamingAsync("transcribe meeting.wav, summarize it, translate the summary to French and tell me whether it is about sales or support"))
        {
            events.Add(e);
        }

        Assert.Equal(
            ["ToolCall Speech_transcribe c1", "ToolResult Speech_transcribe c1", "ToolCall Language_summarize c2", "ToolResult Language_summarize c2",
             "ToolCall Language_translate c3", "ToolResult Language_translate c3", "ToolCall Classification_classify_zero_shot c4", "ToolResult Classification_classify_zero_shot c4",
             "Text  ", "Completed  "],
            events.Select(e => $"{e.Kind} {e.ToolName} {e.CallId}").ToArray());
        Assert.Equal("""{"text":"transcript of meeting.wav"}""", events[1].Result);
        Assert.Equal("""{"summary_text":"summary of: transcript of meeting.wav"}""", events[3].Result);
        Assert.Equal("""{"translation_text":"[fr] summary of: transcript of meeting.wav"}""", events[5].Result);
        Assert.Equal("It is about sales.", events[^1].Text);

        Assert.Equal("meeting.wav", provider.Get<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition).Calls.Single().Input.Path);
        Assert.Equal("transcript of meeting.wav", provider.Get<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization).Calls.Single().Input);
        var translation = provider.Get<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation).Calls.Single();
        Assert.Equal(("summary of: transcript of meeting.wav", "fr"), (translation.Input, translation.Options!.TargetLanguage));
        var zeroShot = provider.Get<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification).Calls.Single();
        Assert.Equal("[fr] summary of: transcript of meeting.wav", zeroShot.Input);
        Assert.Equal(["sales", "support"], zeroShot.Options!.CandidateLabels);
    }

    [Fact]
    public async Task RunAsync_MeetingRequest_ModelSawSystemPromptAndToolsAndHistoryKeepsTurn()
    {
        var client = MeetingScript();
        var agent = new HfPipelinesAgent(client, HfPipelinesAIFunctions.Create(FakePipelineProvider.WithAllTasks()), new HfPipelinesAgentOptions { SystemPrompt = "You use tools." });

        var answer = await agent.RunAsync("what is meeting.wav about?");

        Assert.Equal("It is about sales.", answer);
        Assert.Equal(5, client.Requests.Count);
        Assert.Equal(ChatRole.System, client.Requests[0][0].Role);
        Assert.Equal("You use tools.", client.Requests[0][0].Text);
        Assert.Contains(client.Options[0]!.Tools!, t => t.Name == "Speech_transcribe");
        Assert.Equal(ChatRole.Assistant, agent.History[^1].Role);
        Assert.Equal("It is about sales.", agent.History[^1].Text);
        Assert.Equal(4, agent.History.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Count());
    }

    [Fact]
    public async Task RunStreamingAsync_ToolFails_ReportsErrorEvent()
    {
        var provider = new FakePipelineProvider();
        var client = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("c1", "Speech_transcribe", new() { ["audio"] = "missing.wav" }),
            _ => ScriptedChatClient.Answer("I could not read it."));
        var agent = new HfPipelinesAgent(client, HfPipelinesAIFunctions.Create(provider));

        var events = new List<AgentEvent>();
        await foreach (var e in agent.RunStreamingAsync("transcribe missing.wav"))
        {
            events.Add(e);
        }

        var result = Assert.Single(events, e => e.Kind == AgentEventKind.ToolResult);
        Assert.Contains("No fake pipeline", result.Error, StringComparison.Ordinal);
        Assert.Equal("I could not read it.", events[^1].Text);
    }

    [Fact]
    public async Task LoadSystemPromptAsync_MissingFile_SaysWhereItShips()
    {
        var error = await Assert.ThrowsAsync<HfPipelinesException>(() => HfPipelinesAgent.LoadSystemPromptAsync("/nonexistent/agent-system.md"));

        Assert.Contains("prompts/agent-system.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadSystemPromptAsync_RepositoryPrompt_NamesTheTools()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "prompts", "agent-system.md");

        var prompt = await HfPipelinesAgent.LoadSystemPromptAsync(path);

        Assert.Contains("Speech_transcribe", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TurnFails_HistoryDropsTheFailedTurn()
    {
        var calls = 0;
        var client = new ScriptedChatClient(
            _ => ++calls == 1 ? throw new HttpRequestException("endpoint down") : ScriptedChatClient.Answer("fine"),
            _ => ScriptedChatClient.Answer("fine"));
        var agent = new HfPipelinesAgent(client, [], new HfPipelinesAgentOptions { SystemPrompt = "sys" });

        await Assert.ThrowsAsync<HttpRequestException>(() => agent.RunAsync("first"));
        var answer = await agent.RunAsync("second");

        Assert.Equal("fine", answer);
        Assert.Equal(["sys", "second"], client.Requests[1].Select(m => m.Text).ToArray());
        Assert.Equal(["sys", "second", "fine"], agent.History.Select(m => m.Text).ToArray());
    }
}
