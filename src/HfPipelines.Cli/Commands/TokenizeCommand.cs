using System.CommandLine;
using System.Text.Json;
using HfPipelines.Tokenization;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp tokenize --model REF TEXT [--pair TEXT] [--json]</c>: prints ids, tokens and offsets.</summary>
internal static class TokenizeCommand
{
    /// <summary>The files a tokenizer can need, fetched from the Hub when the model is not on disk.</summary>
    internal static readonly string[] TokenizerFiles =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.txt", "vocab.json", "merges.txt", "*.model", "*.spm", "config.json", "chat_template.json", "chat_template.jinja"];

    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model", "-m") { Description = "A model reference (org/name, org/name@revision) or a local folder with tokenizer.json (or vocab.txt, vocab.json + merges.txt).", Required = true };
        var text = new Argument<string>("text") { Description = "The text to tokenize." };
        var pair = new Option<string?>("--pair") { Description = "A second text, encoded as a pair." };
        var noSpecial = new Option<bool>("--no-special-tokens") { Description = "Do not add [CLS]/<s>/</s> ... (same as --add-special-tokens false)." };
        var addSpecial = new Option<bool?>("--add-special-tokens") { Description = "Python's add_special_tokens: true (default) or false." };
        var json = new Option<bool>("--json") { Description = "Print JSON with Python's keys (input_ids, tokens, attention_mask, token_type_ids, offset_mapping, word_ids)." };
        var command = new Command("tokenize", "Tokenize a text with a Hugging Face tokenizer and print ids, tokens and offsets.") { model, text, pair, noSpecial, addSpecial, json };
        command.SetAction(async (parse, ct) =>
        {
            var folder = await context.ResolveModelPathAsync(parse.GetValue(model)!, TokenizerFiles, ct).ConfigureAwait(false);
            var tokenizer = HfTokenizer.FromFolder(folder);
            if (parse.GetValue(noSpecial) && parse.GetValue(addSpecial) == true)
            {
                throw new InvalidPipelineInputException("--no-special-tokens and --add-special-tokens true contradict each other: give one of them.");
            }

            var options = new EncodeOptions { AddSpecialTokens = !parse.GetValue(noSpecial) && (parse.GetValue(addSpecial) ?? true) };
            var encoding = tokenizer.Encode(parse.GetValue(text)!, parse.GetValue(pair), options);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["input_ids"] = encoding.Ids,
                    ["tokens"] = encoding.Tokens,
                    ["attention_mask"] = encoding.AttentionMask,
                    ["token_type_ids"] = encoding.TypeIds,
                    ["offset_mapping"] = encoding.Offsets.Select(o => new[] { o.Start, o.End }).ToArray(),
                    ["word_ids"] = encoding.WordIds,
                })).ConfigureAwait(false);
                return 0;
            }

            for (var i = 0; i < encoding.Length; i++)
            {
                ct.ThrowIfCancellationRequested();
                var (start, end) = encoding.Offsets[i];
                await context.Out.WriteLineAsync($"{encoding.Ids[i],8}  {JsonSerializer.Serialize(encoding.Tokens[i]),-24}  {start}-{end}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
