using HfPipelines.Cli.Serve;

namespace HfPipelines.Cli.Tests.Serve;

public sealed class ServeConfigTests
{
    [Fact]
    public void Apply_ModelsWithAliasAndLimits_CanonicalTasks()
    {
        var options = new ServeOptions();

        ServeConfig.Apply("""{"models": [{"task": "sentiment-analysis", "model": "org/a"}, {"task": "ner", "model": "org/b"}], "maxRequestBytes": 4096, "requestTimeoutSeconds": 2.5}""", "test.json", options);

        Assert.Equal([new ServedModel("text-classification", "org/a"), new ServedModel("token-classification", "org/b")], options.Models);
        Assert.Equal(4096, options.MaxRequestBytes);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.RequestTimeout);
    }

    [Fact]
    public void Defaults_NoConfig_EmbeddedModelForThreeTasks()
    {
        var options = new ServeOptions();

        Assert.Equal(["feature-extraction", "sentence-similarity", "zero-shot-classification"], options.Models.Select(m => m.Task));
        Assert.All(options.Models, m => Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", m.Model));
        Assert.Equal(["http://127.0.0.1:5000"], options.Urls);
    }

    [Theory]
    [InlineData("""{"models": []}""", "non-empty \"models\" array")]
    [InlineData("""{"models": [{"task": "text-classification"}]}""", "models[0] needs a string \"task\" and a string \"model\"")]
    [InlineData("""{"models": [{"task": "dance", "model": "x"}]}""", "models[0].task 'dance' is not a pipeline task")]
    [InlineData("""{"models": [""", "is not valid JSON")]
    public void Apply_BadConfig_ThrowsNamingTheEntry(string json, string expected)
    {
        var error = Assert.Throws<HfPipelinesException>(() => ServeConfig.Apply(json, "test.json", new ServeOptions()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MissingConfigFile_ExitOneWithMessage()
    {
        var (code, _, error) = await CliRunner.RunAsync("serve", "--config", "/nonexistent/serve.json");

        Assert.Equal(1, code);
        Assert.Contains("serve config file '/nonexistent/serve.json' does not exist", error, StringComparison.Ordinal);
    }
}
