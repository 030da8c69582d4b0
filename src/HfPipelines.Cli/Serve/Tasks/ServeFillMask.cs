using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>fill-mask: <c>top_k</c>, <c>targets</c> -> predictions (a list of lists when the text has several masks).</summary>
internal sealed class ServeFillMask() : ServeTask<string, FillMaskOptions, IReadOnlyList<IReadOnlyList<FillMaskPrediction>>>(PipelineTasks.FillMask)
{
    protected override FillMaskOptions Options(ServeInput input)
    {
        var parameters = input.Parameters;
        return new FillMaskOptions { TopK = parameters.Int("top_k") ?? 5, Targets = parameters.Strings("targets") };
    }

    protected override (IReadOnlyList<string> Items, bool Batch) Inputs(ServeInput input) => Texts(input);

    protected override object? Shape(IReadOnlyList<IReadOnlyList<FillMaskPrediction>> result, FillMaskOptions options) =>
        result.Count == 1 ? result[0] : result;
}
