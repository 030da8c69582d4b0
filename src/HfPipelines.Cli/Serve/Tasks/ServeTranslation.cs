using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>translation: <c>src_lang</c>, <c>tgt_lang</c>, <c>generate_parameters</c> -> <c>[{translation_text}]</c>.</summary>
internal sealed class ServeTranslation() : ServeTask<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation)
{
    protected override bool WrapSingle => true;

    protected override TranslationOptions Options(ServeInput input)
    {
        var parameters = input.Parameters;
        var generate = parameters.Object("generate_parameters");
        return new TranslationOptions
        {
            SourceLanguage = parameters.String("src_lang"),
            TargetLanguage = parameters.String("tgt_lang"),
            MaxLength = generate.Int("max_length"),
            MaxNewTokens = generate.Int("max_new_tokens"),
            NumBeams = generate.Int("num_beams"),
        };
    }

    protected override (IReadOnlyList<string> Items, bool Batch) Inputs(ServeInput input) => Texts(input);
}
