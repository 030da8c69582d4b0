using HfPipelines.Pipelines;
using HfPipelines.Remote;
using HfPipelines.Tasks;
using HfPipelines.Tests.FakeRouter;

namespace HfPipelines.Tests.Remote;

public sealed class RemotePipelinesTests
{
    private const string Model = "org/model";

    [Fact]
    public async Task TextClassification_RouterBatchOfOne_SendsInputsAndParametersAndReturnsLabelsBestFirst()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""[[{"label":"NEGATIVE","score":0.1},{"label":"POSITIVE","score":0.9}]]"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);
        var pipeline = remote.TextClassification(Model);

        var labels = await pipeline.RunAsync("I love it", new TextClassificationOptions { TopK = 2, FunctionToApply = ClassificationFunction.Softmax });

        Assert.Equal(["POSITIVE", "NEGATIVE"], labels.Select(l => l.Label));
        Assert.Equal(0.9f, labels[0].Score);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hf-inference/models/org/model", request.Path);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("I love it", request.Json.GetProperty("inputs").GetString());
        Assert.Equal(2, request.Json.GetProperty("parameters").GetProperty("top_k").GetInt32());
        Assert.Equal("softmax", request.Json.GetProperty("parameters").GetProperty("function_to_apply").GetString());
        Assert.Equal(BackendNames.Remote, Assert.IsAssignableFrom<IBackendInfo>(pipeline).Backend);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(0, 3)]
    [InlineData(2, 2)]
    public async Task TextClassification_TopK_FollowsTransformersDefaults(int? topK, int count)
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""[[{"label":"a","score":0.5},{"label":"b","score":0.3},{"label":"c","score":0.2}]]"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var labels = await remote.TextClassification(Model).RunAsync("x", new TextClassificationOptions { TopK = topK });

        Assert.Equal(count, labels.Count);
        Assert.Equal("a", labels[0].Label);
        Assert.Equal(topK > 0, Assert.Single(server.Requests).BodyText.Contains("top_k", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""[{"label":"sports","score":0.2},{"label":"politics","score":0.7},{"label":"tech","score":0.1}]""")]
    [InlineData("""{"sequence":"x","labels":["politics","sports","tech"],"scores":[0.7,0.2,0.1]}""")]
    public async Task ZeroShotClassification_EitherAnswerShape_BecomesLabelsAndScores(string answer)
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json(answer));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);
        var options = new ZeroShotClassificationOptions { CandidateLabels = ["sports", "politics", "tech"], MultiLabel = true, HypothesisTemplate = "About {}." };

        var result = await remote.ZeroShotClassification(Model).RunAsync("The vote", options);

        Assert.Equal(["politics", "sports", "tech"], result.Labels);
        Assert.Equal([0.7f, 0.2f, 0.1f], result.Scores);
        var parameters = Assert.Single(server.Requests).Json.GetProperty("parameters");
        Assert.Equal(["sports", "politics", "tech"], parameters.GetProperty("candidate_labels").EnumerateArray().Select(e => e.GetString()));
        Assert.True(parameters.GetProperty("multi_label").GetBoolean());
        Assert.Equal("About {}.", parameters.GetProperty("hypothesis_template").GetString());
    }

    [Fact]
    public async Task ZeroShotClassification_NoLabels_ThrowsInvalidInputWithoutCalling()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("[]"));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        await Assert.ThrowsAsync<InvalidPipelineInputException>(() => remote.ZeroShotClassification(Model).RunAsync("text"));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task TokenClassification_Aggregated_SendsStrategyAndFillsEntityGroup()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""[{"entity_group":"PER","score":0.99,"word":"Sarah","start":11,"end":16}]"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var entities = await remote.TokenClassification(Model).RunAsync("My name is Sarah", new TokenClassificationOptions { AggregationStrategy = AggregationStrategy.Simple });

        var entity = Assert.Single(entities);
        Assert.Equal("PER", entity.EntityGroup);
        Assert.Null(entity.Entity);
        Assert.Equal((11, 16), (entity.Start, entity.End));
        Assert.Equal("simple", Assert.Single(server.Requests).Json.GetProperty("parameters").GetProperty("aggregation_strategy").GetString());
    }

    [Fact]
    public async Task QuestionAnswering_ObjectAnswer_SendsQuestionAndContext()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""{"answer":"Paris","score":0.98,"start":16,"end":21}"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var answers = await remote.QuestionAnswering(Model).RunAsync(new QuestionAnsweringInput("Where?", "The capital is Paris."));

        Assert.Equal(new QuestionAnsweringResult(0.98f, 16, 21, "Paris"), Assert.Single(answers));
        var inputs = Assert.Single(server.Requests).Json.GetProperty("inputs");
        Assert.Equal("Where?", inputs.GetProperty("question").GetString());
        Assert.Equal("The capital is Paris.", inputs.GetProperty("context").GetString());
    }

    [Theory]
    [InlineData("""[{"score":0.5,"token":1,"token_str":"a","sequence":"x a"}]""", 1)]
    [InlineData("""[[{"score":0.5,"token":1,"token_str":"a","sequence":"x a"}],[{"score":0.4,"token":2,"token_str":"b","sequence":"x b"}]]""", 2)]
    public async Task FillMask_OneOrSeveralMasks_ReturnsOneListPerMask(string answer, int masks)
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json(answer));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var result = await remote.FillMask(Model).RunAsync("x [MASK]", new FillMaskOptions { TopK = 3 });

        Assert.Equal(masks, result.Count);
        Assert.Equal("a", result[0][0].TokenStr);
        Assert.Equal(3, Assert.Single(server.Requests).Json.GetProperty("parameters").GetProperty("top_k").GetInt32());
    }

    [Theory]
    [InlineData("[0.5,0.25]", PoolingMode.Default, new[] { 0.5f, 0.25f })]
    [InlineData("[[1,2],[3,4]]", PoolingMode.Default, new[] { 1f, 2f, 3f, 4f })]
    [InlineData("[[[1,2],[3,4]]]", PoolingMode.Mean, new[] { 2f, 3f })]
    [InlineData("[[[1,2],[3,4]]]", PoolingMode.Cls, new[] { 1f, 2f })]
    public async Task FeatureExtraction_AnswerDepths_NormaliseToVectors(string answer, PoolingMode pooling, float[] flat)
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json(answer));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var result = await remote.FeatureExtraction(Model).RunAsync("hello", new FeatureExtractionOptions { Pooling = pooling });

        Assert.Equal(flat, result.Vectors.SelectMany(v => v));
        Assert.Equal("/hf-inference/models/org/model/pipeline/feature-extraction", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task FeatureExtraction_Tei_PostsToEmbedWithNormalize()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("[[0.6,0.8]]"));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl, RemoteEndpointKind.TextEmbeddingsInference, token: null).Options);

        var result = await remote.FeatureExtraction().RunAsync("hello", new FeatureExtractionOptions { Normalize = true });

        Assert.Equal([0.6f, 0.8f], result.Vector);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/embed", request.Path);
        Assert.True(request.Json.GetProperty("normalize").GetBoolean());
    }

    [Fact]
    public async Task FeatureExtraction_OpenAICompatible_PostsToV1Embeddings()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[1,0]}]}"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl, RemoteEndpointKind.OpenAICompatible, token: null).Options);

        var result = await remote.FeatureExtraction("nomic-embed-text").RunAsync("hello");

        Assert.Equal([1f, 0f], result.Vector);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("nomic-embed-text", request.Json.GetProperty("model").GetString());
        Assert.Equal("hello", request.Json.GetProperty("input").GetString());
    }

    [Fact]
    public async Task SentenceSimilarity_Router_SendsSourceAndSentences()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("[0.9,0.1]"));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var scores = await remote.SentenceSimilarity(Model).RunAsync(new SentenceSimilarityInput("a", ["b", "c"]));

        Assert.Equal([0.9f, 0.1f], scores);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/hf-inference/models/org/model/pipeline/sentence-similarity", request.Path);
        Assert.Equal("a", request.Json.GetProperty("inputs").GetProperty("source_sentence").GetString());
        Assert.Equal(2, request.Json.GetProperty("inputs").GetProperty("sentences").GetArrayLength());
    }

    [Fact]
    public async Task Summarization_WithLengths_SendsGenerateParameters()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""[{"summary_text":"Short."}]"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var result = await remote.Summarization(Model).RunAsync("A long text.", new SummarizationOptions { MaxLength = 20, MinLength = 5 });

        Assert.Equal("Short.", result.SummaryText);
        var generate = Assert.Single(server.Requests).Json.GetProperty("parameters").GetProperty("generate_parameters");
        Assert.Equal(20, generate.GetProperty("max_length").GetInt32());
        Assert.Equal(5, generate.GetProperty("min_length").GetInt32());
    }

    [Fact]
    public async Task Translation_WithLanguages_SendsSrcAndTgtLang()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""[{"translation_text":"Bonjour"}]"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var result = await remote.Translation(Model).RunAsync("Hello", new TranslationOptions { SourceLanguage = "en_XX", TargetLanguage = "fr_XX" });

        Assert.Equal("Bonjour", result.TranslationText);
        var parameters = Assert.Single(server.Requests).Json.GetProperty("parameters");
        Assert.Equal("en_XX", parameters.GetProperty("src_lang").GetString());
        Assert.Equal("fr_XX", parameters.GetProperty("tgt_lang").GetString());
    }

    [Fact]
    public async Task TextGeneration_Router_UsesChatCompletionsAndKeepsProviderSuffix()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""{"choices":[{"index":0,"message":{"role":"assistant","content":" world"},"finish_reason":"stop"}]}"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var result = await remote.TextGeneration("org/model:fastest").RunAsync("Hello", new TextGenerationOptions { MaxNewTokens = 8 });

        Assert.Equal("Hello world", result.GeneratedText);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("org/model:fastest", request.Json.GetProperty("model").GetString());
        Assert.Equal(8, request.Json.GetProperty("max_tokens").GetInt32());
        Assert.Equal("Hello", request.Json.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task TextGeneration_DedicatedEndpoint_PostsInputsToBase()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""[{"generated_text":"Hello world"}]"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl, RemoteEndpointKind.InferenceEndpoint, token: null).Options);

        var result = await remote.TextGeneration().RunAsync("Hello", new TextGenerationOptions { MaxNewTokens = 4 });

        Assert.Equal("Hello world", result.GeneratedText);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/", request.Path);
        Assert.Equal(4, request.Json.GetProperty("parameters").GetProperty("max_new_tokens").GetInt32());
        Assert.True(request.Json.GetProperty("parameters").GetProperty("return_full_text").GetBoolean());
    }

    [Fact]
    public async Task ImageClassification_PngBytes_SentRawWithContentType()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""[{"label":"cat","score":0.8},{"label":"dog","score":0.2}]"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 1, 2, 3];

        var labels = await remote.ImageClassification(Model).RunAsync(ImageInput.FromBytes(png));

        Assert.Equal("cat", labels[0].Label);
        var request = Assert.Single(server.Requests);
        Assert.Equal("image/png", request.Header("Content-Type"));
        Assert.Equal(png, request.Body);
    }

    [Fact]
    public async Task SpeechRecognition_Samples_SentAsWavAndChunksRead()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""{"text":"hi there","chunks":[{"text":"hi","timestamp":[0.0,0.5]},{"text":"there","timestamp":[0.5,1.0]}]}"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var result = await remote.SpeechRecognition(Model).RunAsync(AudioInput.FromSamples(new float[160], 16000));

        Assert.Equal("hi there", result.Text);
        Assert.Equal([0.5, 1.0], result.Chunks![1].Timestamp);
        var request = Assert.Single(server.Requests);
        Assert.Equal("audio/wav", request.Header("Content-Type"));
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(request.Body, 0, 4));
        Assert.Equal(44 + 320, request.Body.Length);
    }

    [Fact]
    public async Task SpeechRecognition_WithTimestamps_SendsBase64AndReturnTimestamps()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("""{"text":"hi"}"""));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        await remote.SpeechRecognition(Model).RunAsync(AudioInput.FromSamples(new float[16], 16000), new SpeechRecognitionOptions { ReturnTimestamps = true });

        var json = Assert.Single(server.Requests).Json;
        Assert.True(json.GetProperty("parameters").GetProperty("return_timestamps").GetBoolean());
        Assert.StartsWith("UklGR", json.GetProperty("inputs").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WrongTypes_ThrowsNamingTheTask()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("[]"));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var error = Assert.Throws<ArgumentException>(() => remote.Create<string, FillMaskOptions, TranslationResult>("fill-mask", Model));

        Assert.Contains("fill-mask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RouterWithoutModel_ThrowsRemoteErrorWithoutCalling()
    {
        await using var server = FakeRouterServer.Sequence(FakeResponse.Json("[]"));
        using var remote = new RemotePipelines(new RemoteTestOptions(server.BaseUrl).Options);

        var error = await Assert.ThrowsAsync<RemoteInferenceException>(() => remote.TextClassification().RunAsync("x"));
        Assert.Contains("model id", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
