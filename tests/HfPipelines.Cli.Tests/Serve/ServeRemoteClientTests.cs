using HfPipelines.Remote;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>Our own remote client, pointed at the server, gets exactly what the local (fake) pipeline returns.</summary>
public sealed class ServeRemoteClientTests
{
    [Theory]
    [InlineData(RemoteEndpointKind.Router)]
    [InlineData(RemoteEndpointKind.InferenceEndpoint)]
    public async Task TextClassification_RemotePipeline_SameAsLocal(RemoteEndpointKind kind)
    {
        await using var server = await ServeTestServer.StartAsync();
        using var remote = Remote(server, kind, ServeTestServer.Classifier);

        var result = await remote.Create<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.TextClassification, ServeTestServer.Classifier)
            .RunAsync("I love this", new TextClassificationOptions { TopK = 2 });

        Assert.Equal(ServeFakeProvider.Sentiment("I love this"), result);
    }

    [Fact]
    public async Task ZeroShot_RemotePipeline_SameAsLocal()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var remote = Remote(server, RemoteEndpointKind.Router, null);
        var options = new ZeroShotClassificationOptions { CandidateLabels = ["politics", "sport", "music"] };

        var result = await remote.Create<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification, ServeTestServer.Embedder)
            .RunAsync("The match ended 2-1", options);

        Assert.Equal("The match ended 2-1", result.Sequence);
        Assert.Equal(["music", "sport", "politics"], result.Labels);
        Assert.Equal([0.7f, 0.35f, 0.7f / 3], result.Scores);
    }

    [Theory]
    [InlineData(AggregationStrategy.None)]
    [InlineData(AggregationStrategy.Simple)]
    public async Task TokenClassification_RemotePipeline_SameAsLocal(AggregationStrategy strategy)
    {
        await using var server = await ServeTestServer.StartAsync();
        using var remote = Remote(server, RemoteEndpointKind.Router, null);
        var options = new TokenClassificationOptions { AggregationStrategy = strategy };
        var local = await server.Provider.Pipeline<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>(PipelineTasks.TokenClassification).RunAsync("Ada", options);

        var result = await remote.Create<string, TokenClassificationOptions, IReadOnlyList<TokenEntity>>(PipelineTasks.TokenClassification, "test/ner").RunAsync("Ada", options);

        Assert.Equal(local, result);
    }

    [Theory]
    [InlineData(RemoteEndpointKind.Router)]
    [InlineData(RemoteEndpointKind.InferenceEndpoint)]
    public async Task FeatureExtraction_RemotePipeline_SameVector(RemoteEndpointKind kind)
    {
        await using var server = await ServeTestServer.StartAsync();
        using var remote = Remote(server, kind, ServeTestServer.Embedder);

        var result = await remote.Create<string, FeatureExtractionOptions, FeatureExtractionResult>(PipelineTasks.FeatureExtraction, ServeTestServer.Embedder).RunAsync("hello world");

        Assert.Equal(ServeFakeProvider.Vector("hello world"), result.Vector);
        Assert.Contains(("feature-extraction", ServeTestServer.Embedder), server.Provider.Requests);
    }

    [Fact]
    public async Task ImageClassification_RemotePipeline_SameAsLocal()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var remote = Remote(server, RemoteEndpointKind.Router, null);
        var pipeline = remote.Create<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.ImageClassification, "test/vit");

        var raw = await pipeline.RunAsync(ImageInput.FromBytes(ServeTaskRoutesTests.Png));
        var base64 = await pipeline.RunAsync(ImageInput.FromBytes(ServeTaskRoutesTests.Png), new ImageClassificationOptions { TopK = 1 });

        Assert.Equal([new("tabby cat", 0.8125f), new("tiger cat", 0.125f)], raw);
        Assert.Equal([new ClassificationLabel("tabby cat", 0.8125f)], base64);
    }

    [Fact]
    public async Task SentenceSimilarityAndQuestionAnswering_RemotePipelines_SameAsLocal()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var remote = Remote(server, RemoteEndpointKind.Router, null);

        var scores = await remote.Create<SentenceSimilarityInput, FeatureExtractionOptions, IReadOnlyList<float>>(PipelineTasks.SentenceSimilarity, ServeTestServer.Embedder)
            .RunAsync(new SentenceSimilarityInput("a", ["a", "b"]));
        var answers = await remote.Create<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>(PipelineTasks.QuestionAnswering, "test/qa")
            .RunAsync(new QuestionAnsweringInput("Where?", "She lived in London."));

        Assert.Equal([1f, 0.25f], scores);
        Assert.Equal([new QuestionAnsweringResult(0.625f, 13, 19, "London")], answers);
    }

    [Fact]
    public async Task SpeechRecognition_RemotePipelineWithTimestamps_TextAndChunks()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var remote = Remote(server, RemoteEndpointKind.Router, null);

        var result = await remote.Create<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition, "test/whisper")
            .RunAsync(AudioInput.FromSamples(new float[100], 16000), new SpeechRecognitionOptions { ReturnTimestamps = true });

        Assert.Equal("hello world (244 bytes)", result.Text);
        Assert.Equal(["hello", "world"], result.Chunks!.Select(c => c.Text));
        Assert.Equal([0.5, 1.0], result.Chunks![1].Timestamp);
    }

    [Theory]
    [InlineData(RemoteEndpointKind.Router, "OnceEcho: Once")]
    [InlineData(RemoteEndpointKind.InferenceEndpoint, "Once and then")]
    public async Task TextGeneration_RouterViaChatEndpointViaPipeline_Generated(RemoteEndpointKind kind, string expected)
    {
        await using var server = await ServeTestServer.StartAsync();
        using var remote = Remote(server, kind, ServeTestServer.Chat);

        var result = await remote.Create<string, TextGenerationOptions, TextGenerationResult>(PipelineTasks.TextGeneration, ServeTestServer.Chat).RunAsync("Once");

        Assert.Equal(expected, result.GeneratedText);
    }

    [Fact]
    public async Task SummarizationTranslationFillMask_RemotePipelines_SameAsLocal()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var remote = Remote(server, RemoteEndpointKind.Router, null);

        var summary = await remote.Create<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization, "test/summarizer").RunAsync("0123456789", new SummarizationOptions { MaxLength = 20 });
        var translation = await remote.Create<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation, "test/translator").RunAsync("Hello", new TranslationOptions { TargetLanguage = "fr" });
        var masks = await remote.Create<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>(PipelineTasks.FillMask, "bert-base-uncased").RunAsync("Capital is [MASK].");

        Assert.Equal(new SummarizationResult("summary of 10 chars"), summary);
        Assert.Equal(new TranslationResult("[fr] Hello"), translation);
        Assert.Equal([new FillMaskPrediction(0.5f, 3000, "paris", "Capital is paris.")], masks.Single());
    }

    internal static RemotePipelines Remote(ServeTestServer server, RemoteEndpointKind kind, string? model, string? token = null)
    {
        var url = kind == RemoteEndpointKind.Router ? server.BaseUrl : new Uri(server.BaseUrl, $"models/{model}");
        var options = RemoteInferenceOptions.ForEndpoint(url, kind, token);
        options.Resilience.MaxRetryAttempts = 0;
        return new RemotePipelines(options);
    }
}
