using System.Text.Json.Nodes;
using HfPipelines.Composition;
using HfPipelines.Pipelines;
using HfPipelines.Safetensors;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tests.Hub;

namespace HfPipelines.Tests.Safetensors;

/// <summary>
/// A Hub repository that ships only <c>model.safetensors</c>, through the provider every surface uses (CLI, Semantic
/// Kernel, serve, workflows): downloaded, built once into the built-model folder, and answering as transformers did.
/// </summary>
public sealed class SafetensorsProviderTests
{
    private const string Classifier = "pyoracle-safetensors/bert-safetensors-classifier";
    private const string Expected = "pyoracle-safetensors/expected.json";

    [FixtureFact(Classifier, Expected)]
    public async Task GetAsync_SafetensorsOnlyHubRepo_BuildsOnceAndMatchesTransformers()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/bert-st-cls");
        foreach (var name in new[] { "config.json", "tokenizer.json", "tokenizer_config.json" })
        {
            repo.AddFromDisk(name, TestFixtures.PathOf(Classifier + "/" + name));
        }

        repo.AddFromDisk("model.safetensors", TestFixtures.PathOf(Classifier + "/model.safetensors"), lfs: true);
        var expected = JsonNode.Parse(File.ReadAllText(TestFixtures.PathOf(Expected)))!["cases"]!["bert-safetensors-classifier"]!;
        var text = (string)expected["texts"]![1]!;
        var notices = new List<string>();
        var options = hub.Options();
        options.WaitNotice = line =>
        {
            lock (notices)
            {
                notices.Add(line);
            }
        };

        IReadOnlyList<ClassificationLabel> first;
        using (var provider = Pipeline.CreateProvider(options))
        {
            var pipeline = await provider.GetAsync(PipelineTasks.TextClassification, "org/bert-st-cls");
            first = await pipeline.RunAsync(text, new TextClassificationOptions { TopK = 0 });
        }

        var built = Directory.GetFiles(Path.Combine(hub.Home, "hfpipelines", "built", "models--org--bert-st-cls"), "model.onnx", SearchOption.AllDirectories);
        var buildNotices = notices.Count(n => n.StartsWith("Building the ONNX graph", StringComparison.Ordinal));
        using (var again = Pipeline.CreateProvider(options))
        {
            var pipeline = await again.GetAsync(PipelineTasks.TextClassification, "org/bert-st-cls");
            Assert.Equal(first.Select(l => l.Score), (await pipeline.RunAsync(text, new TextClassificationOptions { TopK = 0 })).Select(l => l.Score));
        }

        var want = expected["top_k_all"]![1]!.AsArray();
        Assert.Equal(want.Select(l => (string)l!["label"]!), first.Select(l => l.Label));
        Assert.All(want.Zip(first), p => Assert.Equal((double)p.First!["score"]!, p.Second.Score, 1e-4));
        Assert.Single(built);
        Assert.StartsWith("sequence-classification-", Path.GetFileName(Path.GetDirectoryName(built[0])), StringComparison.Ordinal);
        Assert.Equal(1, buildNotices);
        Assert.Equal(1, notices.Count(n => n.StartsWith("Building the ONNX graph", StringComparison.Ordinal)));
    }
}
