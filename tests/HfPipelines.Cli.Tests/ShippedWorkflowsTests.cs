using System.Text.Json;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Testing;
using HfPipelines.Testing.FakeHub;
using HfPipelines.Composition;

namespace HfPipelines.Cli.Tests;

/// <summary>
/// The two workflows shipped in examples/workflows run unchanged through <c>hfp workflow run</c>: every step's
/// <c>model:</c> (Hub ids, a GGUF file in a repo) is downloaded from a fake Hub on 127.0.0.1 that serves the fixture
/// models under those ids (tiny random-weight exports of the same architectures, the real stories260K GGUF), and the
/// steps without one run on the embedded all-MiniLM-L6-v2.
/// </summary>
public sealed class ShippedWorkflowsTests : IAsyncLifetime
{
    private const string Whisper = "pyoracle/whisper";
    private const string Marian = "pyoracle/marian";
    private const string Ner = "pyoracle/ner";
    private const string Vit = "pyoracle/image-vit";
    private const string Stories = "gguf/stories260K/stories260K.gguf";
    private const string Jfk = "audio/jfk.wav";
    private const string Images = "images";

    private readonly FakeHubServer _hub = new();
    private readonly string _home = Path.Combine(Path.GetTempPath(), "hfp-wf-hub-" + Guid.NewGuid().ToString("N"));
    private readonly string _out = Path.Combine(Path.GetTempPath(), "hfp-wf-out-" + Guid.NewGuid().ToString("N"));

    [FixtureFact(Whisper, Marian, Ner, Stories, Jfk)]
    public async Task MeetingReport_StepModelsFromTheHub_EveryStepRunsAndTheReportIsWritten()
    {
        Serve("onnx-community/whisper-tiny.en", Whisper);
        Serve("Xenova/opus-mt-en-fr", Marian);
        Serve("Xenova/bert-base-NER", Ner);
        _hub.AddRepo("Qwen/Qwen2.5-0.5B-Instruct-GGUF").AddFromDisk("qwen2.5-0.5b-instruct-q4_k_m.gguf", TestFixtures.PathOf(Stories), lfs: true);

        var (code, stdout, stderr) = await RunAsync(
            "workflow", "run", ShippedWorkflow("meeting-report.yaml"), "--input", $"audio={TestFixtures.PathOf(Jfk)}", "--output-dir", _out, "--json");

        Assert.True(code == 0, stderr);
        var outputs = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(JsonValueKind.String, outputs.GetProperty("transcribe").GetProperty("text").ValueKind);
        Assert.Equal(JsonValueKind.String, outputs.GetProperty("french").GetProperty("translation_text").ValueKind);
        var labels = outputs.GetProperty("topic").GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).Order().ToArray();
        Assert.Equal(["sales", "support"], labels);
        Assert.Equal(JsonValueKind.String, outputs.GetProperty("email").GetProperty("text").ValueKind);
        Assert.True(File.Exists(Path.Combine(_out, "meeting-report.json")));
        var downloaded = _hub.Requests.Select(r => r.Path).ToList();
        Assert.Contains(downloaded, p => p.Contains("onnx-community/whisper-tiny.en", StringComparison.Ordinal));
        Assert.Contains(downloaded, p => p.Contains("qwen2.5-0.5b-instruct-q4_k_m.gguf", StringComparison.Ordinal));
    }

    [FixtureFact(Vit, Images)]
    public async Task Photos_GlobOfImagesWithStepModel_LabelsEveryImage()
    {
        Serve("Xenova/vit-base-patch16-224", Vit);
        var pictures = Path.Combine(_out, "pictures");
        Directory.CreateDirectory(pictures);
        var jpegs = Directory.GetFiles(TestFixtures.PathOf(Images), "*.jpg").Take(2).ToList();
        foreach (var jpeg in jpegs)
        {
            File.Copy(jpeg, Path.Combine(pictures, Path.GetFileName(jpeg)));
        }

        var (code, stdout, stderr) = await RunAsync(
            "workflow", "run", ShippedWorkflow("photos.yaml"), "--input", $"photos={Path.Combine(pictures, "*.jpg")}", "--output-dir", _out, "--json");

        Assert.True(code == 0, stderr);
        var labels = JsonDocument.Parse(stdout).RootElement.GetProperty("labels");
        Assert.Equal(jpegs.Count, labels.GetArrayLength());
        Assert.All(labels.EnumerateArray(), item => Assert.Equal(3, item.GetArrayLength()));
        Assert.True(File.Exists(Path.Combine(_out, "photo-labels.json")));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        foreach (var folder in new[] { _home, _out })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string ShippedWorkflow(string name) =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "workflows", name));

    private void Serve(string repoId, string fixture)
    {
        var repo = _hub.AddRepo(repoId);
        var root = TestFixtures.PathOf(fixture);
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            repo.AddFromDisk(relative, file, lfs: file.EndsWith(".onnx", StringComparison.Ordinal));
        }
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        HubOptions Hub() => HubOptions.FromVariables(name => name switch
        {
            "HF_HOME" => _home,
            "HF_ENDPOINT" => _hub.Endpoint.ToString(),
            _ => null,
        });
        var context = new CliContext(stdout, stderr)
        {
            HubOptionsFactory = Hub,
            PipelineProviderFactory = () => Pipeline.CreateProvider(Hub(), Composition.CliBackends.Registrations),
        };
        var code = await CliApp.RunAsync(args, context);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
