using System.Text.Json;
using HfPipelines.Testing;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tokenization;

namespace HfPipelines.Cli.Tests;

/// <summary><c>hfp asr</c> on an ONNX Runtime GenAI Whisper folder (a scripted one: the decoder's answer is known).</summary>
public sealed class GenAIWhisperCommandTests : IDisposable
{
    private const string Fixture = "ortgenai/whisper-partial";
    private const string Jfk = "audio/jfk.wav";
    private readonly List<string> _folders = [];

    [FixtureFact(Fixture, Jfk)]
    public async Task Asr_GenAIWhisperFolder_PrintsTheTranscript()
    {
        const string Text = " And so my fellow Americans";
        var ids = HfTokenizer.FromFolder(TestFixtures.PathOf(Fixture)).Encode(Text, options: new EncodeOptions { AddSpecialTokens = false }).Ids;
        var folder = ScriptedGenAIWhisper.Create(TestFixtures.PathOf(Fixture), constantScript: [50259, 50359, 50363, .. ids, 50257]);
        _folders.Add(folder);

        var (code, output, error) = await CliRunner.RunAsync("asr", "--model", folder, "--json", TestFixtures.PathOf(Jfk));

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(Text, json.RootElement.GetProperty("text").GetString());
    }

    [FixtureFact(Fixture, Jfk)]
    public async Task Asr_GenAIWhisperFolderWithoutEncoder_OneLineErrorNamingTheFile()
    {
        var (code, _, error) = await CliRunner.RunAsync("asr", "--model", TestFixtures.PathOf(Fixture), TestFixtures.PathOf(Jfk));

        Assert.Equal(1, code);
        Assert.Contains("dummy_encoder.onnx", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
