using System.Text;
using System.Text.Json;
using HfPipelines.Testing;

namespace HfPipelines.Cli.Tests.FirstHour;

/// <summary>Issue 20, items 5, 7 and 9: what a new user typed in the first hour, replayed on the real hfp.</summary>
public sealed class FirstHourReplayTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hfp-firsthour-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ZeroShot_SeveralTexts_NamesEachTextBeforeItsLabels()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("zero-shot-classification", "I love football", "Elections are coming", "--candidate-labels", "sport,politics");

        Assert.True(code == 0, stderr);
        var lines = stdout.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(6, lines.Length);
        Assert.Equal("\"I love football\"", lines[0]);
        Assert.StartsWith("sport\t", lines[1], StringComparison.Ordinal);
        Assert.Equal("\"Elections are coming\"", lines[3]);
        Assert.StartsWith("politics\t", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZeroShot_OneText_PrintsOnlyItsLabels()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("zero-shot-classification", "I love football", "--candidate-labels", "sport,politics");

        Assert.Equal(0, code);
        Assert.All(stdout.TrimEnd().Split(Environment.NewLine), line => Assert.Contains('\t', line));
    }

    [FixtureFact("pyoracle/text-classification")]
    public async Task TextClassification_SeveralTexts_NamesEachText()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("text-classification", "-m", TestFixtures.PathOf("pyoracle/text-classification"), "good", "bad", "--top-k", "0");

        Assert.True(code == 0, stderr);
        var lines = stdout.TrimEnd().Split(Environment.NewLine);
        Assert.Equal("\"good\"", lines[0]);
        var second = Array.IndexOf(lines, "\"bad\"");
        Assert.Equal(lines.Length / 2, second); // --top-k 0: every label of the model, under each text
    }

    [Fact]
    public async Task TaskTypo_ZeroShotClasification_OneLineWithTheBestMatch()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("zero-shot-clasification", "hi", "--candidate-labels", "a,b");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(
            "hfp: 'zero-shot-clasification' is not an 'hfp' command. Did you mean 'zero-shot-classification'? Run 'hfp tasks' for the task names, 'hfp --help' for every command.",
            stderr.TrimEnd());
    }

    [Fact]
    public async Task ParseError_MissingRequiredOption_OneLineNamingTheCommandHelp()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("zero-shot-classification", "hi");

        Assert.Equal(1, code);
        Assert.Equal("hfp: Option '--candidate-labels' is required. Run 'hfp zero-shot-classification --help' for its options.", stderr.TrimEnd());
    }

    [Theory]
    [InlineData("text-classification", "x")]
    [InlineData("fill-mask", "x")]
    [InlineData("question-answering", "--question", "q", "--context", "c")]
    [InlineData("image-classification", "x")]
    [InlineData("text-generation", "x")]
    public async Task TopK_Negative_RefusedTheSameWayOnEveryTask(string task, params string[] inputs)
    {
        var (code, _, stderr) = await CliRunner.RunAsync([task, "-m", "/no/such/model", "--top-k", "-1", .. inputs]);

        Assert.Equal(1, code);
        Assert.StartsWith("hfp: --top-k must be 0 (all) or more, got -1.", stderr, StringComparison.Ordinal);
    }

    [FixtureFact("onnx/mobilenetv2-12-int8", "images/coco-000000039769-two-cats.png")]
    public async Task ImageClassification_ShortModelAliasAndTopKZero_AllLabels()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(
            "image-classification", "-m", TestFixtures.PathOf("onnx/mobilenetv2-12-int8"), TestFixtures.PathOf("images/coco-000000039769-two-cats.png"), "--top-k", "0", "--json");

        Assert.True(code == 0, stderr);
        Assert.Equal(1000, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task TextGeneration_MaxNewTokensZero_FailsBeforeLoadingOrPrinting()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("text-generation", "-m", "/no/such/model.gguf", "Once upon a time", "--max-new-tokens", "0");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("hfp: --max-new-tokens must be at least 1, got 0.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarization_NumBeamsZero_FailsBeforeLoading()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("summarization", "-m", "/no/such/model", "text", "--num-beams", "0");

        Assert.Equal(1, code);
        Assert.StartsWith("hfp: --num-beams must be at least 1, got 0.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatTemplate_GgufModel_ReadsItsOwnTemplate()
    {
        var gguf = Path.Combine(_folder, "tiny.gguf");
        WriteGguf(gguf, ("general.name", "tiny"), ("tokenizer.chat_template", "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}"));
        var messages = Path.Combine(_folder, "m.json");
        await File.WriteAllTextAsync(messages, """[{"role": "user", "content": "hi"}]""");

        var (code, stdout, stderr) = await CliRunner.RunAsync("chat-template", "--model", gguf, "--messages", messages);

        Assert.True(code == 0, stderr);
        Assert.Equal("<user>hi", stdout);
    }

    [Fact]
    public async Task ChatTemplate_GgufWithoutTemplate_SaysSoAndHowToPassOne()
    {
        var gguf = Path.Combine(_folder, "bare.gguf");
        WriteGguf(gguf, ("general.name", "bare"));
        var messages = Path.Combine(_folder, "m.json");
        await File.WriteAllTextAsync(messages, """[{"role": "user", "content": "hi"}]""");

        var (code, _, stderr) = await CliRunner.RunAsync("chat-template", "--model", gguf, "--messages", messages);

        Assert.Equal(1, code);
        Assert.Equal($"hfp: The GGUF file '{gguf}' has no chat template (no tokenizer.chat_template in its header). Pass --template FILE.", stderr.TrimEnd());
    }

    [Fact]
    public async Task Bench_JsonWithDefaultModel_NamesTheModel()
    {
        var input = Path.Combine(_folder, "lines.txt");
        await File.WriteAllLinesAsync(input, ["one", "two"]);

        var (code, stdout, stderr) = await CliRunner.RunAsync("bench", "feature-extraction", "--input-file", input, "--warmup", "0", "--json");

        Assert.True(code == 0, stderr);
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", JsonDocument.Parse(stdout).RootElement.GetProperty("model").GetString());
    }

    [FixtureFact("whisper-ggml/for-tests-ggml-tiny.bin", "audio/jfk.wav")]
    public async Task SpeechRecognition_NoSpeechFound_SaysSoOnStderr()
    {
        // The fixture ggml model loads but holds no weights: it finds no segment in any audio.
        var (code, _, stderr) = await CliRunner.RunAsync("asr", "-m", TestFixtures.PathOf("whisper-ggml/for-tests-ggml-tiny.bin"), TestFixtures.PathOf("audio/jfk.wav"));

        Assert.Equal(0, code);
        Assert.Contains($"hfp: no speech found in '{TestFixtures.PathOf("audio/jfk.wav")}'", stderr, StringComparison.Ordinal);
    }

    /// <summary>A GGUF v3 header with string metadata only (no tensors): enough for the header reader.</summary>
    private static void WriteGguf(string path, params (string Key, string Value)[] strings)
    {
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(0x46554747u); // "GGUF"
        writer.Write(3u);
        writer.Write(0UL);
        writer.Write((ulong)strings.Length);
        foreach (var (key, value) in strings)
        {
            WriteString(writer, key);
            writer.Write(8u); // string
            WriteString(writer, value);
        }

        writer.Write(new byte[32]);
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }
}
