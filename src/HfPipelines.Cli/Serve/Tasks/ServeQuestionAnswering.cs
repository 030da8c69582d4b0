using System.Text.Json;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Serve.Tasks;

/// <summary>question-answering: <c>inputs: {question, context}</c> -> <c>{answer, score, start, end}</c> (a list when <c>top_k</c> &gt; 1).</summary>
internal sealed class ServeQuestionAnswering() : ServeTask<QuestionAnsweringInput, QuestionAnsweringOptions, IReadOnlyList<QuestionAnsweringResult>>(PipelineTasks.QuestionAnswering)
{
    protected override QuestionAnsweringOptions Options(ServeInput input)
    {
        var p = input.Parameters;
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

    protected override (IReadOnlyList<QuestionAnsweringInput> Items, bool Batch) Inputs(ServeInput input)
    {
        var inputs = input.Inputs;
        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw RequestFields.Wrong("inputs", "an object {\"question\": ..., \"context\": ...}", inputs);
        }

        var question = RequestFields.Text(inputs.TryGetProperty("question", out var q) ? q : default, "inputs.question");
        var context = RequestFields.Text(inputs.TryGetProperty("context", out var c) ? c : default, "inputs.context");
        return ([new QuestionAnsweringInput(question, context)], false);
    }

    protected override object? Shape(IReadOnlyList<QuestionAnsweringResult> result, QuestionAnsweringOptions options) =>
        options.TopK == 1 && result.Count == 1 ? result[0] : result;
}
