using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>summarization: <c>parameters.generate_parameters</c> {min_length, max_length, max_new_tokens, num_beams} -> <c>[{summary_text}]</c>.</summary>
internal sealed class ServeSummarization() : ServeTask<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization)
{
    protected override bool WrapSingle => true;

    protected override SummarizationOptions Options(ServeInput input)
    {
        var generate = input.Parameters.Object("generate_parameters");
        return new SummarizationOptions
        {
            MinLength = generate.Int("min_length"),
            MaxLength = generate.Int("max_length"),
            MaxNewTokens = generate.Int("max_new_tokens"),
            NumBeams = generate.Int("num_beams"),
        };
    }

    protected override (IReadOnlyList<string> Items, bool Batch) Inputs(ServeInput input) => Texts(input);
}
