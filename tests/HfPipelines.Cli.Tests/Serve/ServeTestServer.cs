using HfPipelines.Cli.Serve;
using HfPipelines.Tasks;
using Microsoft.Extensions.Logging;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) over the fakes, with a client pointed at it.</summary>
internal sealed class ServeTestServer : IAsyncDisposable
{
    public const string Classifier = "test/classifier";
    public const string Embedder = "sentence-transformers/all-MiniLM-L6-v2";
    public const string Chat = "test/chat";

    private ServeTestServer(ServeHost host, ServeFakeProvider provider, ServeFakeChatClient chat, StringWriter logs)
    {
        Host = host;
        Provider = provider;
        ChatClient = chat;
        Logs = logs;
        BaseUrl = host.Addresses[0];
        Client = new HttpClient { BaseAddress = BaseUrl };
    }

    /// <summary>Every task on one model each; the embedder serves three tasks; a chat model.</summary>
    public static IReadOnlyList<ServedModel> AllModels { get; } =
    [
        new(PipelineTasks.TextClassification, Classifier),
        new(PipelineTasks.ZeroShotClassification, Embedder),
        new(PipelineTasks.FeatureExtraction, Embedder),
        new(PipelineTasks.SentenceSimilarity, Embedder),
        new(PipelineTasks.TokenClassification, "test/ner"),
        new(PipelineTasks.QuestionAnswering, "test/qa"),
        new(PipelineTasks.FillMask, "bert-base-uncased"),
        new(PipelineTasks.Summarization, "test/summarizer"),
        new(PipelineTasks.Translation, "test/translator"),
        new(PipelineTasks.ImageClassification, "test/vit"),
        new(PipelineTasks.AutomaticSpeechRecognition, "test/whisper"),
        new(PipelineTasks.TextGeneration, Chat),
        new(PipelineTasks.TextClassification, ServeFakeProvider.Slow),
        new(PipelineTasks.TextClassification, ServeFakeProvider.Picky),
    ];

    public ServeHost Host { get; }

    public ServeFakeProvider Provider { get; }

    public ServeFakeChatClient ChatClient { get; }

    public StringWriter Logs { get; }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public static async Task<ServeTestServer> StartAsync(Action<ServeOptions>? configure = null)
    {
        var options = new ServeOptions { Urls = ["http://127.0.0.1:0"], Models = AllModels };
        configure?.Invoke(options);
        var provider = new ServeFakeProvider();
        var chat = new ServeFakeChatClient();
        var logs = new StringWriter();
        var host = await ServeHost.StartAsync(options, provider, (_, _) => Task.FromResult<Microsoft.Extensions.AI.IChatClient>(chat), new JsonLinesLoggerProvider(TextWriter.Synchronized(logs), TimeProvider.System));
        return new ServeTestServer(host, provider, chat, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Logs.Dispose();
    }
}
