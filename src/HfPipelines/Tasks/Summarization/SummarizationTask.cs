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
    public override string? DefaultModel => Hub.EmbeddedModel.RepoId;

    /// <inheritdoc />
    protected override bool WrapSingleResult => true;

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
        [TaskArgument.Input("text", TaskArgumentType.String, "The text to summarize."), .. GenerateParameters.Arguments];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Language", "summarize", "Summarize a long text (an article, a transcript, a report) into a few sentences.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx-seq2seq", (path, _) => LocalModelKinds.IsSeq2Seq(path) ? new Seq2SeqSummarizationPipeline(LocalModelKinds.LoadSeq2Seq(path)) : null),
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
        return GenerateParameters.Read<SummarizationOptions>(request);
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, SummarizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var generate = GenerateParameters.Write(options);
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
}
