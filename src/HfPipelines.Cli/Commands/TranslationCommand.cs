using System.CommandLine;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp translation</c> (and <c>hfp translation_xx_to_yy</c>, rewritten to it by <see cref="CliApp"/>).</summary>
internal static class TranslationCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new TaskCommandOptions();
        var texts = new Argument<string[]>("text") { Description = "Text(s) to translate; '-' reads stdin.", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--src-lang") { Description = "Source language code (mBART, NLLB, M2M100 codes; ISO codes for T5)." };
        var target = new Option<string?>("--tgt-lang") { Description = "Target language code." };
        var maxLength = (new Option<int?>("--max-length") { Description = "Longest translation in tokens." }).AtLeast(1);
        var maxNewTokens = (new Option<int?>("--max-new-tokens") { Description = "Most generated tokens; overrides --max-length." }).AtLeast(1);
        var numBeams = (new Option<int?>("--num-beams") { Description = "Beam width (1: greedy)." }).AtLeast(1);
        var generate = new GenerationCommandOptions();
        var command = generate.AddTo(shared.AddTo(new Command(PipelineTasks.Translation, "Translate texts (Marian, T5, mBART, NLLB, M2M100 exports).") { texts, source, target, maxLength, maxNewTokens, numBeams }), withMinLength: true);
        command.SetAction((parse, ct) => shared.RunAsync(context, parse, async (provider, model) =>
        {
            var inputs = await TaskCommandOptions.ReadInputsAsync(context, parse.GetValue(texts), ct).ConfigureAwait(false);
            var pipeline = await provider.GetTranslationAsync(model, ct).ConfigureAwait(false);
            var options = new TranslationOptions
            {
                SourceLanguage = parse.GetValue(source),
                TargetLanguage = parse.GetValue(target),
                MaxLength = parse.GetValue(maxLength),
                MaxNewTokens = parse.GetValue(maxNewTokens),
                NumBeams = parse.GetValue(numBeams),
            };
            generate.Fill(parse, options);
            var results = await pipeline.RunBatchAsync(inputs, options, ct).ConfigureAwait(false);
            if (parse.GetValue(shared.Json))
            {
                await TaskCommandOptions.WriteJsonAsync(context, results).ConfigureAwait(false);
                return;
            }

            for (var n = 0; n < results.Count; n++)
            {
                await PlainOutput.WriteHeaderAsync(context.Out, inputs, n).ConfigureAwait(false);
                await context.Out.WriteLineAsync(results[n].TranslationText).ConfigureAwait(false);
            }
        }));
        return command;
    }

    /// <summary>Rewrites <c>translation_xx_to_yy ...</c> to <c>translation --src-lang xx --tgt-lang yy ...</c>.</summary>
    public static string[] RewritePairAlias(string[] args) =>
        args.Length > 0 && PipelineTasks.TryParseTranslationPair(args[0], out var source, out var target)
            ? [PipelineTasks.Translation, "--src-lang", source, "--tgt-lang", target, .. args[1..]]
            : args;
}
