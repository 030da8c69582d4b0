using System.Text.Json.Nodes;
using HfPipelines.Composition;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.SemanticKernel;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace HfPipelines.Cli.Tests;

/// <summary>A Semantic Kernel app whose classifier is a safetensors-only checkpoint: the plugin function answers as transformers did.</summary>
public sealed class KernelWithSafetensorsTests
{
    private const string Classifier = "pyoracle-safetensors/bert-safetensors-classifier";

    [FixtureFact(Classifier)]
    public async Task ClassifyText_SafetensorsCheckpoint_ScoresAsTransformers()
    {
        var home = Directory.CreateTempSubdirectory("hfp-sk-safetensors-").FullName;
        try
        {
            var expected = JsonNode.Parse(File.ReadAllText(TestFixtures.PathOf("pyoracle-safetensors/expected.json")))!["cases"]!["bert-safetensors-classifier"]!;
            var builder = Kernel.CreateBuilder();
            builder.Services.AddSingleton<IPipelineProvider>(Pipeline.CreateProvider(new HubOptions { HfHome = home, Offline = true }));
            builder.Plugins.AddHfPipelines(o => o.Models[PipelineTasks.TextClassification] = TestFixtures.PathOf(Classifier));
            var kernel = builder.Build();

            var result = await kernel.InvokeAsync(
                HfPipelinesPlugins.ClassificationPluginName,
                "classify_text",
                new KernelArguments { ["text"] = (string)expected["texts"]![0]!, ["topK"] = 2 });

            var labels = result.GetValue<IReadOnlyList<ClassificationLabel>>()!;
            var want = expected["top_k_all"]![0]!.AsArray();
            Assert.Equal(want.Select(l => (string)l!["label"]!), labels.Select(l => l.Label));
            Assert.Equal((double)want[0]!["score"]!, labels[0].Score, 1e-4);
            Assert.Single(Directory.GetFiles(Path.Combine(home, "hfpipelines", "built"), "model.onnx", SearchOption.AllDirectories));
            kernel.Services.GetRequiredService<IPipelineProvider>().Dispose();
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
