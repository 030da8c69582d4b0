using HfPipelines.Prompts;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Tests.Prompts;

public class ChatTaskPipelinesTests
{
    private static string PromptsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plugins.sln")))
            {
                return Path.Combine(dir.FullName, "prompts");
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }

    [Fact]
    public async Task Summarization_RendersPromptFileAndReturnsAnswer()
    {
        using var client = new RecordingChatClient("  A short summary.  ");
        using var pipeline = ChatTaskPipelines.CreateSummarization(client, PromptsDirectory());

        var result = await pipeline.RunAsync("The meeting moved the launch to May.", new SummarizationOptions { MaxLength = 20 });

        Assert.Equal("A short summary.", result.SummaryText);
        var prompt = Assert.Single(client.Prompts);
        Assert.Contains("at most 20 words", prompt);
        Assert.Contains("The meeting moved the launch to May.", prompt);
        Assert.Equal(0f, client.LastOptions!.Temperature);
    }

    [Fact]
    public async Task Summarization_NoLength_UsesPromptDefault()
    {
        using var client = new RecordingChatClient("ok");
        using var pipeline = ChatTaskPipelines.CreateSummarization(client, PromptsDirectory());

        await pipeline.RunAsync("Text.");

        Assert.Contains("at most 60 words", client.Prompts[0]);
    }

    [Fact]
    public async Task Translation_TemplateLookalikeInText_IsInsertedAsText()
    {
        using var client = new RecordingChatClient("Bonjour");
        using var pipeline = ChatTaskPipelines.CreateTranslation(client, PromptsDirectory());

        var result = await pipeline.RunAsync("Hello {{$target_language}}", new TranslationOptions { TargetLanguage = "French", SourceLanguage = "English" });

        Assert.Equal("Bonjour", result.TranslationText);
        Assert.Contains("from English into French", client.Prompts[0]);
        Assert.Contains("Hello {{$target_language}}", client.Prompts[0]);
    }

    [Fact]
    public async Task Translation_NoTarget_ThrowsInvalidInput()
    {
        using var client = new RecordingChatClient("x");
        using var pipeline = ChatTaskPipelines.CreateTranslation(client, PromptsDirectory());

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => pipeline.RunAsync("Hello"));
        Assert.Empty(client.Prompts);
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsNamingThePath()
    {
        var ex = Assert.Throws<HfPipelinesException>(() => PromptTemplate.Load("/nonexistent/prompts/X"));
        Assert.Contains("skprompt.txt", ex.Message);
    }

    private sealed class RecordingChatClient(string answer) : IChatClient
    {
        public List<string> Prompts { get; } = [];

        public ChatOptions? LastOptions { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Prompts.Add(string.Join("\n", messages.Select(m => m.Text)));
            LastOptions = options;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
