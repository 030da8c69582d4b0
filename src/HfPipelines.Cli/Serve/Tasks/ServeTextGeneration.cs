using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>text-generation (TGI's <c>{inputs, parameters}</c>): max_new_tokens, do_sample, temperature, top_p, top_k, ... -> <c>[{generated_text}]</c>.</summary>
internal sealed class ServeTextGeneration() : ServeTask<string, TextGenerationOptions, TextGenerationResult>(PipelineTasks.TextGeneration)
{
    protected override bool WrapSingle => true;

    protected override TextGenerationOptions Options(ServeInput input)
    {
        var p = input.Parameters;
        var defaults = new TextGenerationOptions();
        return new TextGenerationOptions
        {
            MaxNewTokens = p.Int("max_new_tokens") ?? defaults.MaxNewTokens,
            DoSample = p.Bool("do_sample") ?? defaults.DoSample,
            Temperature = p.Float("temperature") ?? defaults.Temperature,
            TopP = p.Float("top_p") ?? defaults.TopP,
            TopK = p.Int("top_k") ?? defaults.TopK,
            RepetitionPenalty = p.Float("repetition_penalty") ?? defaults.RepetitionPenalty,
            Seed = p.Int("seed"),
            Stop = p.Strings("stop") ?? [],
            ReturnFullText = p.Bool("return_full_text") ?? defaults.ReturnFullText,
        };
    }

    protected override (IReadOnlyList<string> Items, bool Batch) Inputs(ServeInput input) => Texts(input);
}
