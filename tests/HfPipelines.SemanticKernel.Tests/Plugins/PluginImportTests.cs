using System.Text.Json;
using HfPipelines.SemanticKernel.Plugins;
using HfPipelines.SemanticKernel.Tests.Fakes;
using Microsoft.SemanticKernel;

namespace HfPipelines.SemanticKernel.Tests.Plugins;

public sealed class PluginImportTests
{
    [Theory]
    [InlineData(typeof(ClassificationPlugin), "classify_text,classify_zero_shot,find_entities")]
    [InlineData(typeof(LanguagePlugin), "answer_question,fill_mask,summarize,translate")]
    [InlineData(typeof(GenerationPlugin), "generate")]
    [InlineData(typeof(VisionPlugin), "classify_image")]
    [InlineData(typeof(SpeechPlugin), "transcribe")]
    public void CreateFromObject_EachPlugin_ImportsDescribedFunctions(Type pluginType, string expectedFunctions)
    {
        var target = Activator.CreateInstance(pluginType, new FakePipelineProvider(), null)!;

        var plugin = KernelPluginFactory.CreateFromObject(target, "P");

        Assert.Equal(expectedFunctions.Split(','), plugin.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var function in plugin)
        {
            Assert.False(string.IsNullOrWhiteSpace(function.Description), function.Name);
            Assert.NotEmpty(function.Metadata.Parameters);
            Assert.All(function.Metadata.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{function.Name}.{p.Name}"));
            Assert.DoesNotContain(function.Metadata.Parameters, p => p.ParameterType == typeof(CancellationToken));
        }
    }

    [Fact]
    public void AddFromObject_ZeroShot_SchemaHasRequiredTextAndLabelsAndOptionalMultiLabel()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new ClassificationPlugin(new FakePipelineProvider()), "Classification");

        var function = kernel.Plugins.GetFunction("Classification", "classify_zero_shot");
        var schema = function.JsonSchema;

        Assert.Equal("object", schema.GetProperty("type").GetString());
        var properties = schema.GetProperty("properties");
        Assert.Equal("string", properties.GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("string", properties.GetProperty("labels").GetProperty("type").GetString());
        Assert.Equal("boolean", properties.GetProperty("multiLabel").GetProperty("type").GetString());
        var required = schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["text", "labels"], required);
    }

    [Fact]
    public void Create_AllTasks_GivesFiveFamiliesWithToolNames()
    {
        var functions = HfPipelinesAIFunctions.Create(new FakePipelineProvider());

        Assert.Equal(
            ["Classification_classify_text", "Classification_classify_zero_shot", "Classification_find_entities",
             "Language_summarize", "Language_translate", "Language_fill_mask", "Language_answer_question",
             "Generation_generate", "Vision_classify_image", "Speech_transcribe"],
            functions.Select(f => f.Name).ToArray());
        Assert.All(functions, f => Assert.Equal(JsonValueKind.Object, f.JsonSchema.ValueKind));
    }

    [Fact]
    public void Create_TasksRestricted_OffersOnlyThoseFunctions()
    {
        var options = new HfPipelinesOptions();
        options.Tasks.Add("asr");
        options.Tasks.Add("zero-shot-classification");

        var plugins = HfPipelinesPlugins.Create(new FakePipelineProvider(), options);

        Assert.Equal(["Classification", "Speech"], plugins.Select(p => p.Name).ToArray());
        Assert.Equal(["classify_zero_shot"], plugins[0].Select(f => f.Name).ToArray());
    }

    [Fact]
    public void Create_UnknownTask_ThrowsUnknownTaskException()
    {
        var options = new HfPipelinesOptions();
        options.Models["sentiment-analysys"] = "some/model";

        var error = Assert.Throws<UnknownTaskException>(() => HfPipelinesPlugins.Create(new FakePipelineProvider(), options));

        Assert.Contains("sentiment-analysys", error.Message, StringComparison.Ordinal);
    }
}
