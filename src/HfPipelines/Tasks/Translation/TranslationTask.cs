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
        .. GenerateParameters.Arguments,
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Language", "translate", "Translate a text into another language, e.g. English to French.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx-seq2seq", (path, _) => LocalModelKinds.IsSeq2Seq(path) && !LocalModelKinds.IsWhisper(path) ? new Seq2SeqTranslationPipeline(LocalModelKinds.LoadSeq2Seq(path)) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request) => ReadTexts(request);

    /// <inheritdoc />
    public override TranslationOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = GenerateParameters.Read<TranslationOptions>(request);
        options.SourceLanguage = request.Parameters.String("src_lang");
        options.TargetLanguage = request.Parameters.String("tgt_lang");
        return options;
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

        var generate = GenerateParameters.Write(options);
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
