namespace HfPipelines.Onnx;

/// <summary>Checks that <c>id2label</c> matches the number of logits the model gives.</summary>
internal static class LabelCheck
{
    /// <summary>At load time, when the graph's last output dimension is fixed.</summary>
    public static void EnsureLabelCount(EncoderContext context, string output)
    {
        if (context.Model.Outputs.TryGetValue(output, out var info) || context.Model.Outputs.Count == 1)
        {
            info ??= context.Model.Outputs.Values.First();
            if (info.Dimensions.Count > 0 && info.Dimensions[^1] > 0)
            {
                EnsureLabelCount(context.Config, info.Dimensions[^1], "this task");
            }
        }
    }

    /// <summary>At run time, against the logits actually returned.</summary>
    public static void EnsureLabelCount(EncoderModelConfig config, int logitCount, string task)
    {
        if (config.Id2Label is { Count: > 0 } map && map.Count != logitCount)
        {
            throw new ModelLoadException($"{task}: config.json's id2label has {map.Count} labels but the model gives {logitCount} logits. Fix id2label in config.json so that it names every output class.");
        }
    }
}
