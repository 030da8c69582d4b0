using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp question-answering --question Q --context C</c> (<c>-</c> reads the context from stdin).</summary>
internal static class EncoderTaskQuestionAnsweringCommand
{
    public static Command Create(CliContext context)
    {
        var (model, json) = (EncoderTaskCommands.Model(), EncoderTaskCommands.Json());
        var backends = new TaskCommandOptions();
        var question = new Option<string>("--question") { Description = "The question.", Required = true };
        var contextText = new Option<string>("--context") { Description = "The text holding the answer; '-' reads stdin.", Required = true };
        var topK = TopKOption.Create("answers", 1);
        var impossible = new Option<bool>("--handle-impossible-answer") { Description = "Allow the empty answer (handle_impossible_answer)." };
        var docStride = new Option<int?>("--doc-stride") { Description = "Overlap in tokens between windows of a long context (doc_stride; default 128)." };
        var maxAnswerLen = new Option<int?>("--max-answer-len") { Description = "Longest answer in tokens (max_answer_len; default 15)." };
        var maxSeqLen = new Option<int?>("--max-seq-len") { Description = "Tokens per question + context window (max_seq_len; default 384, at most the model's limit)." };
        var maxQuestionLen = new Option<int?>("--max-question-len") { Description = "Longest question in tokens (max_question_len; default 64)." };
        var alignToWords = new Option<bool?>("--align-to-words") { Description = "Widen answers to whole words (align_to_words; default true; --align-to-words false keeps token spans)." };
        var command = new Command(PipelineTasks.QuestionAnswering, "Extract the answer to a question from a context.")
        {
            model, backends.Backend, backends.Endpoint, backends.EndpointKind, json, question, contextText, topK, impossible, docStride, maxAnswerLen, maxSeqLen, maxQuestionLen, alignToWords,
        };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(contextText)!;
            text = (await TaskCommandOptions.ReadInputsAsync(context, [text], ct).ConfigureAwait(false))[0];
            using var lease = EncoderTaskCommands.Lease(context, parse, backends);
            var pipeline = await lease.Provider.GetQuestionAnsweringAsync(parse.GetValue(model), ct).ConfigureAwait(false);
            var defaults = new QuestionAnsweringOptions();
            var options = new QuestionAnsweringOptions
            {
                TopK = TopKOption.Limit(parse.GetValue(topK)),
                HandleImpossibleAnswer = parse.GetValue(impossible),
                DocStride = parse.GetValue(docStride) ?? defaults.DocStride,
                MaxAnswerLength = parse.GetValue(maxAnswerLen) ?? defaults.MaxAnswerLength,
                MaxSeqLength = parse.GetValue(maxSeqLen) ?? defaults.MaxSeqLength,
                MaxQuestionLength = parse.GetValue(maxQuestionLen) ?? defaults.MaxQuestionLength,
                AlignToWords = parse.GetValue(alignToWords) ?? defaults.AlignToWords,
            };
            var answers = await pipeline.RunAsync(new QuestionAnsweringInput(parse.GetValue(question)!, text), options, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                // Python returns the answer itself when there is one, else a list.
                await context.Out.WriteLineAsync(answers.Count == 1 ? JsonSerializer.Serialize(answers[0]) : JsonSerializer.Serialize(answers)).ConfigureAwait(false);
                return 0;
            }

            foreach (var answer in answers)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{answer.Answer}\t{answer.Start}-{answer.End}\t{answer.Score:0.####}")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
