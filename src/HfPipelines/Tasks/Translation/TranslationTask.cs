using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>
/// translation (and <c>translation_xx_to_yy</c>): a text; <c>src_lang</c>, <c>tgt_lang</c>, <c>generate_parameters</c>
/// {max_length, max_new_tokens, num_beams} (also accepted directly in <c>parameters</c>); <c>[{translation_text}]</c>.
/// </summary>
public sealed class TranslationTask : PipelineTask<string, TranslationOptions, TranslationResult>
{
    internal TranslationTask()
        : base(PipelineTaskNames.Translation, TaskInputKind.Text, "Translate a text (also translation_xx_to_yy).")
    {
    }

    /// <inheritdoc />
    protected override bool WrapSingleResult => true;

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("text", TaskArgumentType.String, "The text to translate."),
        TaskArgument.Parameter("src_lang", TaskArgumentType.String, "The language of the text, as a code such as \"en\".", "sourceLanguage"),
        TaskArgument.Parameter("tgt_lang", TaskArgumentType.String, "The language to translate into, as a code such as \"fr\".", "targetLanguage"),
        TaskArgument.Parameter("max_length", TaskArgumentType.Integer, "The longest translation in tokens."),
        TaskArgument.Parameter("max_new_tokens", TaskArgumentType.Integer, "The most new tokens."),
        TaskArgument.Parameter("num_beams", TaskArgumentType.Integer, "Beam search width (1: greedy)."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Language", "translate", "Translate a text into another language, e.g. English to French.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx-seq2seq", (path, _) => LocalPipelines.IsSeq2Seq(path) && !LocalModelKinds.IsWhisper(path) ? new Seq2SeqTranslationPipeline(LocalModelKinds.LoadSeq2Seq(path)) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request) => ReadTexts(request);

    /// <inheritdoc />
    public override TranslationOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters;
        var generate = parameters.Object("generate_parameters");
        return new TranslationOptions
        {
            SourceLanguage = parameters.String("src_lang"),
            TargetLanguage = parameters.String("tgt_lang"),
            MaxLength = generate.Int("max_length") ?? parameters.Int("max_length"),
            MaxNewTokens = generate.Int("max_new_tokens") ?? parameters.Int("max_new_tokens"),
            NumBeams = generate.Int("num_beams") ?? parameters.Int("num_beams"),
        };
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, TranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parameters = new JsonObject();
        if (options.SourceLanguage is { } source)
        {
            parameters["src_lang"] = source;
        }

        if (options.TargetLanguage is { } target)
        {
            parameters["tgt_lang"] = target;
        }

        var generate = SummarizationTask.GenerateParameters(null, options.MaxLength, options.MaxNewTokens, options.NumBeams);
        if (generate.Count > 0)
        {
            parameters["generate_parameters"] = generate;
        }

        var body = new JsonObject { ["inputs"] = RequireText(input) };
        if (parameters.Count > 0)
        {
            body["parameters"] = parameters;
        }

        return body;
    }

    /// <inheritdoc />
    public override TranslationResult ReadResponse(JsonElement answer, string input, TranslationOptions options) =>
        new(RemoteJson.FirstText(answer, "translation_text", Name));
}
