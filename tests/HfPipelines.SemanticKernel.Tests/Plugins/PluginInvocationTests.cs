using HfPipelines.SemanticKernel.Tests.Fakes;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.SemanticKernel.Tests.Plugins;

public sealed class PluginInvocationTests
{
    private static async Task<string> InvokeAsync(FakePipelineProvider provider, string tool, Dictionary<string, object?> arguments, HfPipelinesOptions? options = null)
    {
        var function = HfPipelinesAIFunctions.Create(provider, options).Single(f => f.Name == tool);
        return Assert.IsType<string>(await function.InvokeAsync(new AIFunctionArguments(arguments)));
    }

    [Fact]
    public async Task ClassifyZeroShot_CommaSeparatedLabels_PassesLabelsAndReturnsPythonKeys()
    {
        var provider = FakePipelineProvider.WithAllTasks();

        var json = await InvokeAsync(provider, "Classification_classify_zero_shot", new() { ["text"] = "refund please", ["labels"] = "support, sales ,support" });

        var call = Assert.Single(provider.Get<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification).Calls);
        Assert.Equal("refund please", call.Input);
        Assert.Equal(["support", "sales"], call.Options!.CandidateLabels);
        Assert.Equal("""{"sequence":"refund please","labels":["support","sales"],"scores":[0.9,0.1]}""", json);
    }

    [Fact]
    public async Task ClassifyZeroShot_JsonArrayLabels_ParsesArray()
    {
        var provider = FakePipelineProvider.WithAllTasks();

        await InvokeAsync(provider, "Classification_classify_zero_shot", new() { ["text"] = "x", ["labels"] = """["a, b", "c"]""" });

        var call = Assert.Single(provider.Get<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification).Calls);
        Assert.Equal(["a, b", "c"], call.Options!.CandidateLabels);
    }

    [Fact]
    public async Task Translate_ConfiguredModel_AsksProviderForThatModel()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var options = new HfPipelinesOptions();
        options.Models["translation"] = "Xenova/opus-mt-en-fr";

        var json = await InvokeAsync(provider, "Language_translate", new() { ["text"] = "hello", ["targetLanguage"] = "fr" }, options);

        Assert.Equal("""{"translation_text":"[fr] hello"}""", json);
        Assert.Equal([(PipelineTasks.Translation, (string?)"Xenova/opus-mt-en-fr")], provider.Requests);
    }

    [Fact]
    public async Task Transcribe_FileUri_ReadsLocalPath()
    {
        var provider = FakePipelineProvider.WithAllTasks();

        var json = await InvokeAsync(provider, "Speech_transcribe", new() { ["audio"] = "file:///data/meeting.wav" });

        var call = Assert.Single(provider.Get<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition).Calls);
        Assert.Equal("/data/meeting.wav", call.Input.Path);
        Assert.Null(call.Options!.Language);
        Assert.Equal("""{"text":"transcript of meeting.wav"}""", json);
    }

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, true, false)]
    [InlineData(false, true, true, true)]
    public async Task Transcribe_TimestampArguments_ReachTheOptions(bool segments, bool words, bool expectTimestamps, bool expectWords)
    {
        var provider = FakePipelineProvider.WithAllTasks();

        await InvokeAsync(provider, "Speech_transcribe", new() { ["audio"] = "/data/a.wav", ["returnTimestamps"] = segments, ["wordTimestamps"] = words });

        var call = Assert.Single(provider.Get<AudioInput, SpeechRecognitionOptions, SpeechRecognitionResult>(PipelineTasks.AutomaticSpeechRecognition).Calls);
        Assert.Equal(expectTimestamps, call.Options!.ReturnTimestamps);
        Assert.Equal(expectWords, call.Options.WordTimestamps);
    }

    [Fact]
    public async Task ClassifyImage_HttpUri_RefusedWithFix()
    {
        var provider = FakePipelineProvider.WithAllTasks();

        var error = await Assert.ThrowsAsync<InvalidPipelineInputException>(() => InvokeAsync(provider, "Vision_classify_image", new() { ["image"] = "https://example.com/cat.jpg" }));

        Assert.Contains("Download it first", error.Message, StringComparison.Ordinal);
        Assert.Empty(provider.Requests);
    }

    [Fact]
    public async Task AnswerQuestion_ReturnsBestAnswerObject()
    {
        var provider = FakePipelineProvider.WithAllTasks();

        var json = await InvokeAsync(provider, "Language_answer_question", new() { ["question"] = "Who?", ["context"] = "Sarah left." });

        Assert.Equal("""{"score":0.7,"start":0,"end":5,"answer":"Sarah"}""", json);
    }

    [Fact]
    public async Task Generate_ReturnsOnlyNewText()
    {
        var provider = FakePipelineProvider.WithAllTasks();

        var json = await InvokeAsync(provider, "Generation_generate", new() { ["prompt"] = "It was cloudy", ["maxNewTokens"] = 8 });

        var call = Assert.Single(provider.Get<string, TextGenerationOptions, TextGenerationResult>(PipelineTasks.TextGeneration).Calls);
        Assert.Equal(8, call.Options!.MaxNewTokens);
        Assert.False(call.Options.ReturnFullText);
        Assert.Equal("""{"generated_text":" and then it rained."}""", json);
    }
}
