using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>image-classification: raw image bytes, or base64 <c>inputs</c> with <c>top_k</c>, <c>function_to_apply</c> -> <c>[{label, score}]</c>.</summary>
internal sealed class ServeImageClassification() : ServeTask<ImageInput, ImageClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.ImageClassification)
{
    protected override ImageClassificationOptions Options(ServeInput input)
    {
        var parameters = input.Parameters;
        return new ImageClassificationOptions
        {
            TopK = parameters.Int("top_k") ?? 5,
            FunctionToApply = parameters.Enum<ClassificationFunction>("function_to_apply") ?? ClassificationFunction.Default,
        };
    }

    protected override (IReadOnlyList<ImageInput> Items, bool Batch) Inputs(ServeInput input) =>
        ([ImageInput.FromBytes(input.MediaBytes("image"))], false);
}
