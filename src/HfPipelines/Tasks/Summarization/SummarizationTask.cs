using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>
/// summarization: a text; <c>parameters.generate_parameters</c> {min_length, max_length, max_new_tokens, num_beams}
/// (also accepted directly in <c>parameters</c>); <c>[{summary_text}]</c>. Local: encoder-decoder exports (BART, T5 ...),
/// or extractive summaries with a sentence-embedding model (the default, the embedded all-MiniLM-L6-v2).
/// </summary>
public sealed class SummarizationTask : PipelineTask<string, SummarizationOptions, SummarizationResult>
{
    internal SummarizationTask()
        : base(PipelineTaskNames.Summarization, TaskInputKind.Text, "Summarize a text.")
    {
    }

    /// <inheritdoc />
    public override string? DefaultModel => PipelineProviderOptions.EmbeddedModelId;

    /// <inheritdoc />
    protected override bool WrapSingleResult => true;

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("text", TaskArgumentType.String, "The text to summarize."),
        TaskArgument.Parameter("min_length", TaskArgumentType.Integer, "The shortest summary in tokens."),
        TaskArgument.Parameter("max_length", TaskArgumentType.Integer, "The longest summary in tokens.", "maxLength"),
        TaskArgument.Parameter("max_new_tokens", TaskArgumentType.Integer, "The most new tokens."),
        TaskArgument.Parameter("num_beams", TaskArgumentType.Integer, "Beam search width (1: greedy)."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Language", "summarize", "Summarize a long text (an article, a transcript, a report) into a few sentences.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx-seq2seq", (path, _) => LocalPipelines.IsSeq2Seq(path) ? new Seq2SeqSummarizationPipeline(LocalModelKinds.LoadSeq2Seq(path)) : null),
        new("extractive", (path, options) => LocalModelKinds.IsSentenceEmbedding(path)
            ? new ExtractiveSummarizationPipeline(OnnxPipelines.CreateFeatureExtraction(path, options), ownsEmbeddings: true)
            : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request) => ReadTexts(request);

    /// <inheritdoc />
    public override SummarizationOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var generate = request.Parameters.Object("generate_parameters");
        var parameters = request.Parameters;
        return new SummarizationOptions
        {
            MinLength = generate.Int("min_length") ?? parameters.Int("min_length"),
            MaxLength = generate.Int("max_length") ?? parameters.Int("max_length"),
            MaxNewTokens = generate.Int("max_new_tokens") ?? parameters.Int("max_new_tokens"),
            NumBeams = generate.Int("num_beams") ?? parameters.Int("num_beams"),
        };
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, SummarizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var generate = GenerateParameters(options.MinLength, options.MaxLength, options.MaxNewTokens, options.NumBeams);
        var body = new JsonObject { ["inputs"] = RequireText(input) };
        if (generate.Count > 0)
        {
            body["parameters"] = new JsonObject { ["generate_parameters"] = generate };
        }

        return body;
    }

    /// <inheritdoc />
    public override SummarizationResult ReadResponse(JsonElement answer, string input, SummarizationOptions options) =>
        new(RemoteJson.FirstText(answer, "summary_text", Name));

    /// <summary>The <c>generate_parameters</c> object of the set lengths and beams.</summary>
    internal static JsonObject GenerateParameters(int? minLength, int? maxLength, int? maxNewTokens, int? numBeams)
    {
        var generate = new JsonObject();
        Add(generate, "min_length", minLength);
        Add(generate, "max_length", maxLength);
        Add(generate, "max_new_tokens", maxNewTokens);
        Add(generate, "num_beams", numBeams);
        return generate;
    }

    private static void Add(JsonObject target, string name, int? value)
    {
        if (value is { } set)
        {
            target[name] = set >= 0 ? set : throw new InvalidPipelineInputException($"{name} must not be negative, got {set}.");
        }
    }
}
