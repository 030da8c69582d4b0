using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HfPipelines.Cli.Serve;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Testing;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Tests.Serve;

/// <summary>
/// <c>hfp serve --config</c> with local models: entries get ids (the folder name by default, or their own), relative
/// paths are read from the config file's folder, and the route <c>/models/{id}</c> (what the demo page builds) reaches
/// the real local model. A malformed Hub reference or two models under one id stop the server at start.
/// </summary>
public sealed class ServeLocalModelsTests : IDisposable
{
    private const string MobileNet = "onnx/mobilenetv2-12-int8";
    private const string Cats = "images/coco-000000039769-two-cats.png";
    private const string SafetensorsClassifier = "pyoracle-safetensors/bert-safetensors-classifier";
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-serve-local-").FullName;

    [Fact]
    public void Apply_LocalPaths_IdsAreFolderNamesAndRelativePathsAreReadFromTheConfigFolder()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "models", "classifier"));
        var options = new ServeOptions();

        ServeConfig.Apply(
            """{"models": [{"task": "image-classification", "model": "./models/classifier"}, {"task": "ner", "model": "/abs/ner-model"}, {"task": "ner", "model": "org/name", "id": "people"}]}""",
            "serve.json",
            options,
            _dir);

        Assert.Equal(["classifier", "ner-model", "people"], options.Models.Select(m => m.Id));
        Assert.Equal(Path.Combine(_dir, "models", "classifier"), options.Models[0].Model);
        Assert.Equal("/abs/ner-model", options.Models[1].Model);
    }

    [Theory]
    [InlineData("""{"models": [{"task": "ner", "model": "org/na me"}]}""", "models[0].model:")]
    [InlineData("""{"models": [{"task": "ner", "model": "org/a", "id": "x"}, {"task": "ner", "model": "org/b", "id": "x"}]}""", "the id 'x' names two models")]
    [InlineData("""{"models": [{"task": "ner", "model": "org/a", "id": 5}]}""", "models[0].id must be a string")]
    public void Apply_BadReferenceOrIdClash_ThrowsNamingTheEntry(string json, string expected)
    {
        var error = Assert.Throws<HfPipelinesException>(() => ServeConfig.Apply(json, "serve.json", new ServeOptions()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [FixtureFact(MobileNet, Cats)]
    public async Task Serve_LocalFolderById_ClassifiesTheImageOnTheRealModel()
    {
        var options = new ServeOptions { Urls = ["http://127.0.0.1:0"] };
        ServeConfig.Apply($$"""{"models": [{"task": "image-classification", "model": "{{TestFixtures.PathOf(MobileNet)}}"}]}""", "serve.json", options, _dir);
        using var provider = Pipeline.CreateProvider(HubOptions.FromVariables(name => name switch { "HF_HOME" => _dir, "HF_HUB_OFFLINE" => "1", _ => null }));
        await using var host = await ServeHost.StartAsync(options, provider, null, null);
        using var client = new HttpClient { BaseAddress = host.Addresses[0] };

        var models = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/models", UriKind.Relative))).RootElement.GetProperty("models");
        var id = Assert.Single(models.EnumerateArray()).GetProperty("id").GetString();
        using var image = new ByteArrayContent(await File.ReadAllBytesAsync(TestFixtures.PathOf(Cats)));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var response = await client.PostAsync(new Uri("/models/" + id, UriKind.Relative), image);

        Assert.Equal("mobilenetv2-12-int8", id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var labels = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("tabby cat", labels[0].GetProperty("label").GetString());
    }

    [FixtureFact(SafetensorsClassifier)]
    public async Task Serve_SafetensorsCheckpoint_ClassifiesAsTransformers()
    {
        var options = new ServeOptions { Urls = ["http://127.0.0.1:0"] };
        ServeConfig.Apply($$"""{"models": [{"task": "text-classification", "model": "{{TestFixtures.PathOf(SafetensorsClassifier)}}", "id": "st"}]}""", "serve.json", options, _dir);
        using var provider = Pipeline.CreateProvider(HubOptions.FromVariables(name => name switch { "HF_HOME" => _dir, "HF_HUB_OFFLINE" => "1", _ => null }));
        await using var host = await ServeHost.StartAsync(options, provider, null, null);
        using var client = new HttpClient { BaseAddress = host.Addresses[0] };
        var expected = JsonDocument.Parse(File.ReadAllText(TestFixtures.PathOf("pyoracle-safetensors/expected.json"))).RootElement
            .GetProperty("cases").GetProperty("bert-safetensors-classifier");
        var text = expected.GetProperty("texts")[0].GetString()!;

        using var body = new StringContent(JsonSerializer.Serialize(new { inputs = text, parameters = new { top_k = 2 } }), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/models/st", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var labels = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var want = expected.GetProperty("top_k_all")[0];
        Assert.Equal(want[0].GetProperty("label").GetString(), labels[0].GetProperty("label").GetString());
        Assert.Equal(want[0].GetProperty("score").GetDouble(), labels[0].GetProperty("score").GetDouble(), 1e-4);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
