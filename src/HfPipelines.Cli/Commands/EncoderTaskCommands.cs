using System.CommandLine;
using System.Text.Json;

namespace HfPipelines.Cli.Commands;

/// <summary>The encoder task commands (<c>hfp text-classification</c>, <c>zero-shot-classification</c>, <c>ner</c>,
/// <c>question-answering</c>, <c>fill-mask</c>, <c>embeddings</c>, <c>sentence-similarity</c>) and what they share:
/// <c>--model REF</c>, <c>--backend</c>/<c>--endpoint</c>, <c>--json</c> (Python's output shape), texts as arguments or <c>-</c> for stdin.</summary>
internal static class EncoderTaskCommands
{
    public static IEnumerable<Command> CreateAll(CliContext context) =>
    [
        EncoderTaskTextClassificationCommand.Create(context),
        EncoderTaskZeroShotCommand.Create(context),
        EncoderTaskTokenClassificationCommand.Create(context),
        EncoderTaskQuestionAnsweringCommand.Create(context),
        EncoderTaskFillMaskCommand.Create(context),
        EncoderTaskFeatureExtractionCommand.Create(context),
        EncoderTaskSentenceSimilarityCommand.Create(context),
    ];

    public static Option<string?> Model() => new("--model", "-m") { Description = "Model: org/name, org/name@revision, or a local folder: an ONNX export (config.json, tokenizer.json, onnx/model.onnx) or a safetensors checkpoint of bert, roberta, xlm-roberta, distilbert or mpnet (its graph is built on first load). Default: the task's default model." };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON shaped like the Python pipeline's output." };

    public static Argument<string[]> Texts() => new("text") { Description = "Input text(s); '-' reads stdin.", Arity = ArgumentArity.OneOrMore };

    /// <summary>The provider for the command's <c>--backend</c>/<c>--endpoint</c>, disposed with the lease.</summary>
    public static ProviderLease Lease(CliContext context, ParseResult parse, TaskCommandOptions backends) =>
        new(backends.CreateProvider(context, parse));

    /// <summary>A list option: repeat it once per item, or give a JSON array, or one comma-separated value (see
    /// <see cref="HfPipelines.Tasks.TaskInputLists"/>).</summary>
    public static Option<string[]> ListOption(string name, string what, bool required = false) => new(name)
    {
        Description = $"{what}: repeat the option once per item, or give a JSON array ([\"a\", \"b, c\"]), or one comma-separated value (a,b).",
        Required = required,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The items of a list option, by <see cref="HfPipelines.Tasks.TaskInputLists.Parse(IReadOnlyList{string}?, string)"/>.</summary>
    public static string[] ListValues(ParseResult parse, Option<string[]> option) =>
        [.. HfPipelines.Tasks.TaskInputLists.Parse(parse.GetValue(option), option.Name)];
}
