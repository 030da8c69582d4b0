using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Onnx;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>
/// question-answering: <c>inputs: {question, context}</c>; <c>top_k</c>, <c>doc_stride</c>, <c>max_answer_len</c>,
/// <c>max_seq_len</c>, <c>max_question_len</c>, <c>handle_impossible_answer</c>, <c>align_to_words</c>;
/// <c>{answer, score, start, end}</c>, or a list of them when top_k is above 1. On a command line, a line is
/// <c>question&lt;TAB&gt;context</c>.
/// </summary>
public sealed class QuestionAnsweringTask : PipelineTask<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>
{
    internal QuestionAnsweringTask()
        : base(PipelineTaskNames.QuestionAnswering, TaskInputKind.Text, "Extract the answer to a question from a context.")
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("question", TaskArgumentType.String, "The question."),
        TaskArgument.Input("context", TaskArgumentType.String, "The text that holds the answer."),
        TaskArgument.Parameter("top_k", TaskArgumentType.Integer, "How many answers, best first (default 1).", "topK"),
        TaskArgument.Parameter("doc_stride", TaskArgumentType.Integer, "Overlap in tokens between windows of a long context."),
        TaskArgument.Parameter("max_answer_len", TaskArgumentType.Integer, "The longest answer in tokens."),
        TaskArgument.Parameter("max_seq_len", TaskArgumentType.Integer, "The longest window (question and context) in tokens."),
        TaskArgument.Parameter("max_question_len", TaskArgumentType.Integer, "The longest question in tokens."),
        TaskArgument.Parameter("handle_impossible_answer", TaskArgumentType.Boolean, "Allow an empty answer when the context holds none."),
        TaskArgument.Parameter("align_to_words", TaskArgumentType.Boolean, "Snap answers to whole words (default true)."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Language", "answer_question",
        "Find the answer to a question inside a given text (extractive: the answer is a span copied from the text). Use it when the user gives a document and asks about it.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("onnx", (path, options) => LocalModelKinds.IsEncoder(path) ? OnnxPipelines.CreateQuestionAnswering(path, options) : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<QuestionAnsweringInput> Items, bool Batch) ReadInputs(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = request.Inputs;
        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw RequestFields.Wrong("inputs", "an object {\"question\": ..., \"context\": ...}", inputs);
        }

        var question = RequestFields.Text(inputs.TryGetProperty("question", out var q) ? q : default, "inputs.question");
        var context = RequestFields.Text(inputs.TryGetProperty("context", out var c) ? c : default, "inputs.context");
        return ([new QuestionAnsweringInput(question, context)], false);
    }

    /// <inheritdoc />
    public override QuestionAnsweringOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = request.Parameters;
        var defaults = new QuestionAnsweringOptions();
        return new QuestionAnsweringOptions
        {
            TopK = p.Int("top_k") ?? defaults.TopK,
            DocStride = p.Int("doc_stride") ?? defaults.DocStride,
            MaxAnswerLength = p.Int("max_answer_len") ?? defaults.MaxAnswerLength,
            MaxSeqLength = p.Int("max_seq_len") ?? defaults.MaxSeqLength,
            MaxQuestionLength = p.Int("max_question_len") ?? defaults.MaxQuestionLength,
            HandleImpossibleAnswer = p.Bool("handle_impossible_answer") ?? defaults.HandleImpossibleAnswer,
            AlignToWords = p.Bool("align_to_words") ?? defaults.AlignToWords,
        };
    }

    /// <inheritdoc />
    public override object? WriteResult(IReadOnlyList<QuestionAnsweringResult> result, QuestionAnsweringOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        return options.TopK == 1 && result.Count == 1 ? result[0] : result;
    }

    /// <inheritdoc />
    /// <remarks>A line is the question, a TAB, and the context.</remarks>
    public override QuestionAnsweringInput ParseInput(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tab = text.IndexOf('\t', StringComparison.Ordinal);
        return tab > 0
            ? new QuestionAnsweringInput(text[..tab], text[(tab + 1)..])
            : throw new InvalidPipelineInputException($"A question-answering line needs a question, a TAB and the context; got: {text}");
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(QuestionAnsweringInput input, QuestionAnsweringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (input is null || string.IsNullOrWhiteSpace(input.Question) || string.IsNullOrWhiteSpace(input.Context))
        {
            throw new InvalidPipelineInputException("question-answering needs a non-empty question and a non-empty context.");
        }

        if (options.TopK < 1)
        {
            throw new InvalidPipelineInputException($"top_k must be at least 1, got {options.TopK}.");
        }

        return new JsonObject
        {
            ["inputs"] = new JsonObject { ["question"] = input.Question, ["context"] = input.Context },
            ["parameters"] = new JsonObject
            {
                ["top_k"] = options.TopK,
                ["doc_stride"] = options.DocStride,
                ["max_answer_len"] = options.MaxAnswerLength,
                ["max_seq_len"] = options.MaxSeqLength,
                ["max_question_len"] = options.MaxQuestionLength,
                ["handle_impossible_answer"] = options.HandleImpossibleAnswer,
                ["align_to_words"] = options.AlignToWords,
            },
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<QuestionAnsweringResult> ReadResponse(JsonElement answer, QuestionAnsweringInput input, QuestionAnsweringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RemoteJson.Items(answer, Name, "{answer, score, start, end}")
            .Select(item => new QuestionAnsweringResult(
                RemoteJson.Float(item, "score", Name),
                RemoteJson.OptionalInt(item, "start") ?? throw RemoteJson.Shape(Name, "an integer 'start'", item),
                RemoteJson.OptionalInt(item, "end") ?? throw RemoteJson.Shape(Name, "an integer 'end'", item),
                RemoteJson.String(item, "answer", Name)))
            .OrderByDescending(a => a.Score)
            .Take(options.TopK)
            .ToList();
    }
}
