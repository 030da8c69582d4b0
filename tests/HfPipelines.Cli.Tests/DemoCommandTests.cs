using System.Text.Json;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-demo-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Demo_OfflineOnEmbeddedModel_ClassifiesAndSummarizes()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr)
        {
            PipelineProviderFactory = () => Pipeline.CreateProvider(HubOptions.FromVariables(name => name switch
            {
                "HF_HOME" => _home,
                "HF_HUB_OFFLINE" => "1",
                _ => Environment.GetEnvironmentVariable(name),
            })),
        };

        var code = await CliApp.RunAsync(["demo", "--json"], context);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr.ToString());
        using var doc = JsonDocument.Parse(stdout.ToString());
        var firstLabels = doc.RootElement.GetProperty("zero_shot").EnumerateArray().Select(r => r.GetProperty("labels")[0].GetString()).ToList();
        Assert.Equal(["billing", "software bug", "delivery", "software bug", "thanks", "delivery"], firstLabels);
        var scores = doc.RootElement.GetProperty("similarity").GetProperty("scores").EnumerateArray().Select(s => s.GetSingle()).ToList();
        Assert.Equal(1f, scores[1], 3);
        Assert.NotEmpty(doc.RootElement.GetProperty("summary").GetProperty("summary_text").GetString()!);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
