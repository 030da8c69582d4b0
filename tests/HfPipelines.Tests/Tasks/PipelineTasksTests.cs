using HfPipelines.Tasks;

namespace HfPipelines.Tests.Tasks;

public class PipelineTasksTests
{
    [Theory]
    [InlineData("ner", PipelineTaskNames.TokenClassification)]
    [InlineData("sentiment-analysis", PipelineTaskNames.TextClassification)]
    [InlineData("asr", PipelineTaskNames.AutomaticSpeechRecognition)]
    [InlineData("embeddings", PipelineTaskNames.FeatureExtraction)]
    [InlineData("Zero-Shot-Classification", PipelineTaskNames.ZeroShotClassification)]
    [InlineData("translation_en_to_fr", PipelineTaskNames.Translation)]
    public void Resolve_NameOrAlias_ReturnsTask(string name, string expected)
    {
        Assert.Equal(expected, PipelineTasks.Resolve(name).Name);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsListingValidTasks()
    {
        var ex = Assert.Throws<UnknownTaskException>(() => PipelineTasks.Resolve("text-to-music"));
        Assert.Equal("text-to-music", ex.TaskName);
        Assert.Contains("token-classification (ner)", ex.Message);
        Assert.Contains("automatic-speech-recognition (asr)", ex.Message);
    }

    [Fact]
    public void TryParseTranslationPair_TaskName_ReturnsLanguages()
    {
        Assert.True(PipelineTasks.TryParseTranslationPair("translation_en_to_de", out var src, out var tgt));
        Assert.Equal(("en", "de"), (src, tgt));
        Assert.False(PipelineTasks.TryParseTranslationPair("translation", out _, out _));
    }
}
