using System.Text.Json;
using HfPipelines.SemanticKernel.Tests.Fakes;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.SemanticKernel.Tests.Plugins;

/// <summary>Arguments as a model sends them: parsed from JSON, so values are <see cref="JsonElement"/>s.</summary>
public sealed class PluginJsonArgumentsTests
{
    private static AIFunctionArguments Parse(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!);

    [Fact]
    public async Task ClassifyZeroShot_LabelsAsJsonArrayAndBool_Accepted()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var function = HfPipelinesAIFunctions.Create(provider).Single(f => f.Name == "Classification_classify_zero_shot");

        var result = await function.InvokeAsync(Parse("""{"text":"refund","labels":["support","sales"],"multiLabel":true}"""));

        var call = Assert.Single(provider.Get<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification).Calls);
        Assert.Equal(["support", "sales"], call.Options!.CandidateLabels);
        Assert.True(call.Options.MultiLabel);
        Assert.StartsWith("""{"sequence":"refund","labels":["support","sales"]""", Assert.IsType<string>(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FillMask_TopKAsNumberOrText_Accepted()
    {
        var provider = FakePipelineProvider.WithAllTasks();
        var function = HfPipelinesAIFunctions.Create(provider).Single(f => f.Name == "Language_fill_mask");

        await function.InvokeAsync(Parse("""{"text":"Paris is the [MASK] of France.","topK":3}"""));
        await function.InvokeAsync(Parse("""{"text":"Paris is the [MASK] of France.","topK":"2"}"""));

        Assert.Equal([3, 2], provider.Get<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>(PipelineTasks.FillMask).Calls.Select(c => c.Options!.TopK).ToArray());
    }
}
