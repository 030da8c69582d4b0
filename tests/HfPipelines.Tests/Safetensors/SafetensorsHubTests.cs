using System.Text;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Safetensors;
using HfPipelines.Testing;
using HfPipelines.Testing.FakeHub;
using HfPipelines.Tests.Hub;

namespace HfPipelines.Tests.Safetensors;

/// <summary>
/// Repositories with no ONNX export: the store fetches the safetensors checkpoint (one file or the shards of its index)
/// when config.json names an architecture whose graph is built here, and leaves it when it does not; built graphs are
/// kept per checkpoint and head and removed with their repository.
/// </summary>
public sealed class SafetensorsHubTests
{
    private const string Checkpoint = "pyoracle-safetensors/bert-safetensors";

    [FixtureFact(Checkpoint)]
    public async Task PullAsync_SafetensorsOnlyBertRepo_FetchesCheckpointNotOtherWeights()
    {
        await using var hub = new HubTestContext();
        var repo = AddCheckpoint(hub.Server, "org/bert-st");
        repo.AddFile("pytorch_model.bin", new byte[100], lfs: true);
        repo.AddFile("tf_model.h5", new byte[100], lfs: true);
        using var store = hub.Store();

        var model = await store.PullAsync("org/bert-st");

        Assert.Contains("model.safetensors", model.Files);
        Assert.Contains("config.json", model.Files);
        Assert.DoesNotContain("pytorch_model.bin", model.Files);
        Assert.DoesNotContain("tf_model.h5", model.Files);
        Assert.Equal(
            File.ReadAllBytes(TestFixtures.PathOf(Checkpoint + "/model.safetensors")),
            File.ReadAllBytes(Path.Combine(model.Path, "model.safetensors")));
        Assert.True(LocalModelKinds.IsEncoder(model.Path));
    }

    [FixtureFact(Checkpoint)]
    public async Task PullAsync_SafetensorsOfUnsupportedArchitecture_WeightsNotFetched()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/llama-st");
        repo.AddText("config.json", """{"model_type": "llama", "architectures": ["LlamaForCausalLM"]}""");
        repo.AddFile("model.safetensors", new byte[4096], lfs: true);
        repo.AddText("tokenizer_config.json", "{}");
        using var store = hub.Store();

        var model = await store.PullAsync("org/llama-st");

        Assert.Equal(["config.json", "tokenizer_config.json"], model.Files);
        Assert.False(File.Exists(Path.Combine(model.Path, "model.safetensors")));
        Assert.StartsWith("no weights that a local backend runs", LocalModelRoute.Describe(model.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_SafetensorsWithoutConfig_WeightsNotFetched()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/no-config");
        repo.AddText("README.md", "# weights only");
        repo.AddFile("model.safetensors", new byte[4096], lfs: true);
        using var store = hub.Store();

        var model = await store.PullAsync("org/no-config");

        Assert.Equal(["README.md"], model.Files);
    }

    [FixtureFact(Checkpoint)]
    public async Task PullAsync_ShardedCheckpoint_FetchesIndexAndEveryShard()
    {
        await using var hub = new HubTestContext();
        var repo = hub.Server.AddRepo("org/sharded");
        repo.AddFromDisk("config.json", TestFixtures.PathOf(Checkpoint + "/config.json"));
        repo.AddFromDisk("tokenizer.json", TestFixtures.PathOf(Checkpoint + "/tokenizer.json"));
        repo.AddText("model.safetensors.index.json", """{"metadata": {}, "weight_map": {"a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}}""");
        repo.AddFile("model-00001-of-00002.safetensors", Encoding.UTF8.GetBytes("one"), lfs: true);
        repo.AddFile("model-00002-of-00002.safetensors", Encoding.UTF8.GetBytes("two"), lfs: true);
        repo.AddFile("other-00001-of-00001.safetensors", new byte[10], lfs: true);
        using var store = hub.Store();

        var model = await store.PullAsync("org/sharded");

        Assert.Equal(
            ["config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "model.safetensors.index.json", "tokenizer.json"],
            model.Files.Order(StringComparer.Ordinal));
        Assert.Equal(["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"], BuiltEncoderModels.WeightFiles(model.Path));
    }

    [FixtureFact(Checkpoint)]
    public async Task PullAsync_RepoWithOnnxExport_SafetensorsLeftOut()
    {
        await using var hub = new HubTestContext();
        var repo = AddCheckpoint(hub.Server, "org/both");
        repo.AddFile("onnx/model.onnx", new byte[64], lfs: true);
        using var store = hub.Store();

        var model = await store.PullAsync("org/both");

        Assert.Contains("onnx/model.onnx", model.Files);
        Assert.DoesNotContain("model.safetensors", model.Files);
    }

    [Fact]
    public void Select_AllowPatterns_ChooseFilesThemselves()
    {
        string[] files = ["config.json", "model.safetensors", "pytorch_model.bin"];

        var chosen = FileSelector.Select(files, new ModelResolveOptions { AllowPatterns = ["*.json"] });
        var byDefault = FileSelector.Select(files, new ModelResolveOptions());

        Assert.Equal(["config.json"], chosen);
        Assert.Equal(["config.json", "model.safetensors"], byDefault);
    }

    [FixtureFact(Checkpoint)]
    public async Task RemoveAsync_Repository_RemovesItsBuiltGraphs()
    {
        await using var hub = new HubTestContext();
        AddCheckpoint(hub.Server, "org/bert-st");
        using var store = hub.Store();
        var model = await store.PullAsync("org/bert-st");
        var built = BuiltEncoderModels.PathOf(model.Path, EncoderHead.BaseModel, store.BuiltModelDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(built)!);
        File.WriteAllText(built, "graph");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(built)!, BuiltEncoderModels.SourceFile), model.Path);

        Assert.StartsWith(Path.Combine(store.BuiltModelDirectory, "models--org--bert-st"), built, StringComparison.Ordinal);
        Assert.Equal([(EncoderHead.BaseModel, built)], BuiltEncoderModels.Kept(model.Path, store.BuiltModelDirectory));
        Assert.Contains("built: base", LocalModelRoute.Describe(model.Path, store.BuiltModelDirectory), StringComparison.Ordinal);

        Assert.True(await store.RemoveAsync("org/bert-st"));

        Assert.False(File.Exists(built));
        Assert.False(Directory.Exists(BuiltEncoderModels.RepoGroup(store.BuiltModelDirectory, "org/bert-st")));
    }

    [FixtureFact(Checkpoint)]
    public void PathOf_ChangedConfigOrHead_NewKeySameGroup()
    {
        var folder = Directory.CreateTempSubdirectory("hfp-built-key-").FullName;
        try
        {
            foreach (var name in new[] { "config.json", "model.safetensors", "tokenizer.json" })
            {
                File.Copy(TestFixtures.PathOf(Checkpoint + "/" + name), Path.Combine(folder, name));
            }

            var root = Path.Combine(folder, "built");
            var basePath = BuiltEncoderModels.PathOf(folder, EncoderHead.BaseModel, root);
            var again = BuiltEncoderModels.PathOf(folder, EncoderHead.BaseModel, root);
            var classifier = BuiltEncoderModels.PathOf(folder, EncoderHead.SequenceClassification, root);
            File.AppendAllText(Path.Combine(folder, "config.json"), " ");
            var changed = BuiltEncoderModels.PathOf(folder, EncoderHead.BaseModel, root);

            Assert.Equal(basePath, again);
            Assert.NotEqual(basePath, classifier);
            Assert.NotEqual(basePath, changed);
            Assert.Equal(Path.Combine(root, "local--" + Path.GetFileName(folder)), Path.GetDirectoryName(Path.GetDirectoryName(basePath)));
            Assert.StartsWith("base-", Path.GetFileName(Path.GetDirectoryName(basePath)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [FixtureFact(Checkpoint)]
    public void CreateFeatureExtraction_BuiltModelFolderNotWritable_OneLineErrorNamesTheFix()
    {
        var blocker = Path.GetTempFileName();
        try
        {
            var options = new HfPipelines.Onnx.OnnxPipelineOptions { BuiltModelDirectory = Path.Combine(blocker, "built") };

            var error = Assert.Throws<ModelLoadException>(() => HfPipelines.Onnx.OnnxPipelines.CreateFeatureExtraction(TestFixtures.PathOf(Checkpoint), options));

            Assert.Contains("cannot be written to", error.Message, StringComparison.Ordinal);
            Assert.Contains("HF_HOME", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [FixtureFact(Checkpoint)]
    public void Describe_EachKindOfModel_NamesItsPath()
    {
        Assert.StartsWith("safetensors checkpoint (bert", LocalModelRoute.Describe(TestFixtures.PathOf(Checkpoint)), StringComparison.Ordinal);
        Assert.Equal("ONNX export: ONNX Runtime", LocalModelRoute.Describe(TestFixtures.PathOf("pyoracle/ner")));
        Assert.StartsWith("ONNX encoder-decoder export", LocalModelRoute.Describe(TestFixtures.PathOf("pyoracle/t5")), StringComparison.Ordinal);
        Assert.StartsWith("safetensors checkpoint, no ONNX export", LocalModelRoute.DescribeFiles(["config.json", "model.safetensors"]), StringComparison.Ordinal);
        Assert.StartsWith("GGUF", LocalModelRoute.DescribeFiles(["model-Q4_K_M.gguf"]), StringComparison.Ordinal);
    }

    private static FakeHubRepo AddCheckpoint(FakeHubServer server, string repoId)
    {
        var repo = server.AddRepo(repoId);
        repo.AddFromDisk("config.json", TestFixtures.PathOf(Checkpoint + "/config.json"));
        repo.AddFromDisk("tokenizer.json", TestFixtures.PathOf(Checkpoint + "/tokenizer.json"));
        repo.AddFromDisk("tokenizer_config.json", TestFixtures.PathOf(Checkpoint + "/tokenizer_config.json"));
        repo.AddFromDisk("model.safetensors", TestFixtures.PathOf(Checkpoint + "/model.safetensors"), lfs: true);
        return repo;
    }
}
