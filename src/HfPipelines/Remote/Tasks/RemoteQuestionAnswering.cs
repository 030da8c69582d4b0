using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>question-answering: <c>{inputs: {question, context}, parameters}</c> -> <c>{answer, score, start, end}</c> or a list.</summary>
internal sealed class RemoteQuestionAnswering() : RemoteTask<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>(PipelineTasks.QuestionAnswering)
{
    public override async Task<IReadOnlyList<QuestionAnsweringResult>> RunAsync(RemoteCall call, QuestionAnsweringInput input, QuestionAnsweringOptions options, CancellationToken cancellationToken)
    {
        var answer = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), Body(input, options), Task, cancellationToken).ConfigureAwait(false);
        return Parse(answer, options);
    }

    public static JsonObject Body(QuestionAnsweringInput input, QuestionAnsweringOptions options)
    {
        if (string.IsNullOrWhiteSpace(input.Question) || string.IsNullOrWhiteSpace(input.Context))
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

    public static IReadOnlyList<QuestionAnsweringResult> Parse(JsonElement answer, QuestionAnsweringOptions options)
    {
        const string task = PipelineTasks.QuestionAnswering;
        return RemoteJson.Items(answer, task, "{answer, score, start, end}")
            .Select(item => new QuestionAnsweringResult(
                RemoteJson.Float(item, "score", task),
                RemoteJson.OptionalInt(item, "start") ?? throw RemoteJson.Shape(task, "an integer 'start'", item),
                RemoteJson.OptionalInt(item, "end") ?? throw RemoteJson.Shape(task, "an integer 'end'", item),
                RemoteJson.String(item, "answer", task)))
            .OrderByDescending(a => a.Score)
            .Take(options.TopK)
            .ToList();
    }
}
