using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace HfPipelines.Cli.Tests.Serve;

public sealed class ServeTaskRoutesTests
{
    internal static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    [Theory]
    [InlineData("/models/test/classifier")]
    [InlineData("/hf-inference/models/test/classifier")]
    public async Task TextClassification_TopK_ExactJson(string route)
    {
        await using var server = await ServeTestServer.StartAsync();

        var (status, body) = await PostJsonAsync(server, route, """{"inputs": "I love it", "parameters": {"top_k": 2}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""[{"label":"POSITIVE","score":0.9876543},{"label":"NEGATIVE","score":0.0123457}]""", body);
    }

    [Fact]
    public async Task TextClassification_BatchOfInputs_OneListPerInput()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (_, body) = await PostJsonAsync(server, "/models/test/classifier", """{"inputs": ["love", "meh"]}""");

        Assert.Equal("""[[{"label":"POSITIVE","score":0.9876543}],[{"label":"NEGATIVE","score":0.75}]]""", body);
    }

    [Fact]
    public async Task ZeroShot_CandidateLabels_LabelsBestFirst()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (_, body) = await PostJsonAsync(server, "/models/sentence-transformers/all-MiniLM-L6-v2",
            """{"inputs": "The match ended 2-1", "parameters": {"candidate_labels": ["politics", "sport"], "multi_label": true}}""");

        Assert.Equal("""[{"label":"sport","score":0.7},{"label":"politics","score":0.35}]""", body);
        Assert.True(server.Provider.Pipeline<string, HfPipelines.Tasks.ZeroShotClassificationOptions, HfPipelines.Tasks.ZeroShotClassificationResult>("zero-shot-classification").Calls.Single().Options!.MultiLabel);
    }

    [Fact]
    public async Task TokenClassification_Aggregated_EntityGroups()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (_, body) = await PostJsonAsync(server, "/models/test/ner", """{"inputs": "Ada Lovelace lived in London", "parameters": {"aggregation_strategy": "simple"}}""");

        Assert.Equal("""[{"entity_group":"PER","score":0.9912,"word":"Ada Lovelace","start":0,"end":12},{"entity_group":"LOC","score":0.875,"word":"London","start":22,"end":28}]""", body);
    }

    [Fact]
    public async Task QuestionAnswering_QuestionAndContext_OneAnswerObject()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (_, body) = await PostJsonAsync(server, "/models/test/qa", """{"inputs": {"question": "Where?", "context": "She lived in London."}}""");

        Assert.Equal("""{"score":0.625,"start":13,"end":19,"answer":"London"}""", body);
    }

    [Fact]
    public async Task FillMask_OneMask_ListOfPredictions()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (_, body) = await PostJsonAsync(server, "/models/bert-base-uncased", """{"inputs": "The capital of France is [MASK]."}""");

        Assert.Equal("""[{"score":0.5,"token":3000,"token_str":"paris","sequence":"The capital of France is paris."}]""", body);
    }

    [Theory]
    [InlineData("/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction")]
    [InlineData("/models/sentence-transformers/all-MiniLM-L6-v2")]
    public async Task FeatureExtraction_Text_PooledVector(string route)
    {
        await using var server = await ServeTestServer.StartAsync();

        var (_, body) = await PostJsonAsync(server, route, """{"inputs": "hello"}""");

        Assert.Equal("[5,-0.25,0.5,1E-07,0.33333334]", body);
    }

    [Fact]
    public async Task SentenceSimilarity_PipelineRoute_OneScorePerSentence()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (_, body) = await PostJsonAsync(server, "/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/sentence-similarity",
            """{"inputs": {"source_sentence": "a", "sentences": ["a", "b"]}}""");

        Assert.Equal("[1,0.25]", body);
    }

    [Fact]
    public async Task SentenceSimilarity_ModelRoute_ChosenByInputShape()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (_, body) = await PostJsonAsync(server, "/models/sentence-transformers/all-MiniLM-L6-v2", """{"inputs": {"source_sentence": "a", "sentences": ["b"]}}""");

        Assert.Equal("[0.25]", body);
    }

    [Fact]
    public async Task SummarizationTranslation_GeneratedText_ListOfOne()
    {
        await using var server = await ServeTestServer.StartAsync();

        var (_, summary) = await PostJsonAsync(server, "/models/test/summarizer", """{"inputs": "0123456789", "parameters": {"generate_parameters": {"max_length": 20}}}""");
        var (_, translation) = await PostJsonAsync(server, "/models/test/translator", """{"inputs": "Hello", "parameters": {"tgt_lang": "fr"}}""");
        var (_, generated) = await PostJsonAsync(server, "/models/test/chat", """{"inputs": "Once", "parameters": {"max_new_tokens": 5}}""");

        Assert.Equal("""[{"summary_text":"summary of 10 chars"}]""", summary);
        Assert.Equal("""[{"translation_text":"[fr] Hello"}]""", translation);
        Assert.Equal("""[{"generated_text":"Once and then"}]""", generated);
    }

    [Fact]
    public async Task ImageClassification_RawPngBytes_Labels()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var content = new ByteArrayContent(Png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var response = await server.Client.PostAsync(new Uri("/models/test/vit", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""[{"label":"tabby cat","score":0.8125},{"label":"tiger cat","score":0.125}]""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SpeechRecognition_Base64WithTimestamps_TextAndChunks()
    {
        await using var server = await ServeTestServer.StartAsync();
        var audio = Convert.ToBase64String(Encoding.ASCII.GetBytes("RIFF0000WAVEdata"));

        var (_, body) = await PostJsonAsync(server, "/models/test/whisper", $$$"""{"inputs": "{{{audio}}}", "parameters": {"return_timestamps": true}}""");

        Assert.Equal("""{"text":"hello world (16 bytes)","chunks":[{"text":"hello","timestamp":[0,0.5]},{"text":"world","timestamp":[0.5,1]}]}""", body);
    }

    [Fact]
    public async Task SpeechRecognition_RawAudio_Text()
    {
        await using var server = await ServeTestServer.StartAsync();
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("RIFF0000WAVE"));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var response = await server.Client.PostAsync(new Uri("/hf-inference/models/test/whisper", UriKind.Relative), content);

        Assert.Equal("""{"text":"hello world (12 bytes)"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ModelsApi_ListsServedModels()
    {
        await using var server = await ServeTestServer.StartAsync();

        var page = await server.Client.GetStringAsync(new Uri("/api/models", UriKind.Relative));
        var openAi = await server.Client.GetStringAsync(new Uri("/v1/models", UriKind.Relative));

        Assert.StartsWith("""{"models":[{"task":"text-classification","model":"test/classifier","id":"test/classifier","chat":false},""", page, StringComparison.Ordinal);
        Assert.EndsWith("""],"auth":false}""", page, StringComparison.Ordinal);
        Assert.Contains("""{"id":"test/chat","object":"model","created":0,"owned_by":"hfp"}""", openAi, StringComparison.Ordinal);
    }

    internal static async Task<(HttpStatusCode Status, string Body)> PostJsonAsync(ServeTestServer server, string route, string json, string contentType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8, contentType);
        using var response = await server.Client.PostAsync(new Uri(route, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
