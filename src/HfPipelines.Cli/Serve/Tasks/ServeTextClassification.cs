using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>text-classification: <c>inputs</c> text, <c>{text, text_pair}</c> or a list; <c>top_k</c>, <c>function_to_apply</c> -> <c>[{label, score}]</c>.</summary>
internal sealed class ServeTextClassification() : ServeTask<string, TextClassificationOptions, IReadOnlyList<ClassificationLabel>>(PipelineTasks.TextClassification)
{
    protected override TextClassificationOptions Options(ServeInput input)
    {
        var parameters = input.Parameters;
        var options = new TextClassificationOptions
        {
            TopK = parameters.Int("top_k"),
            FunctionToApply = parameters.Enum<ClassificationFunction>("function_to_apply") ?? ClassificationFunction.Default,
        };
        if (input.Inputs.ValueKind == JsonValueKind.Object)
        {
            options.TextPair = new RequestFields(input.Inputs, "inputs").String("text_pair");
        }

        return options;
    }

    protected override (IReadOnlyList<string> Items, bool Batch) Inputs(ServeInput input) =>
        input.Inputs.ValueKind == JsonValueKind.Object
            ? ([RequestFields.Text(input.Inputs.TryGetProperty("text", out var text) ? text : default, "inputs.text")], false)
            : Texts(input);
}
