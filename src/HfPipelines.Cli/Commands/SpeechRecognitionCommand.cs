using System.CommandLine;
using System.Globalization;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp automatic-speech-recognition</c> (alias <c>asr</c>).</summary>
internal static class SpeechRecognitionCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new TaskCommandOptions();
        var files = new Argument<string[]>("audio") { Description = "Audio file(s): WAV, FLAC or MP3.", Arity = ArgumentArity.OneOrMore };
        var timestamps = new Option<bool>("--return-timestamps") { Description = "Return segments with [start, end] timestamps." };
        var words = new Option<bool>("--word-timestamps")
        {
            Description = "Return words with [start, end] timestamps (Python's return_timestamps=\"word\"; needs a Whisper export with cross-attention outputs, e.g. a *_timestamped repository).",
        };
        var returnLanguage = new Option<bool>("--return-language") { Description = "Return the detected or given language." };
        var language = new Option<string?>("--language") { Description = "Spoken language (e.g. en); default: detected." };
        var task = new Option<string>("--task") { Description = "transcribe or translate (to English).", DefaultValueFactory = _ => "transcribe" };
        var chunk = (new Option<double>("--chunk-length-s") { Description = "Window length in seconds for long audio (0: 30 s windows when needed)." }).AtLeast(0);
        var stride = (new Option<double?>("--stride-length-s") { Description = "Overlap on each side of a window in seconds (default: chunk / 6)." }).AtLeast(0);
        var beams = (new Option<int?>("--num-beams") { Description = "Beam width (1: greedy; default: the model's generation config, greedy for Whisper checkpoints)." }).AtLeast(1);
        var maxNewTokens = (new Option<int?>("--max-new-tokens") { Description = "Most new tokens per 30 s window (default: generation_config.json's max_length)." }).AtLeast(1);
        var command = shared.AddTo(new Command(PipelineTasks.AutomaticSpeechRecognition, "Transcribe speech (Whisper exports, whisper.cpp ggml models).") { files, timestamps, words, returnLanguage, language, task, chunk, stride, beams, maxNewTokens });
        command.Aliases.Add("asr");
        command.SetAction((parse, ct) => shared.RunAsync(context, parse, async (provider, model) =>
        {
            var paths = parse.GetValue(files) ?? [];
            if (paths.FirstOrDefault(p => p == "word" && !File.Exists(p)) is not null)
            {
                throw new InvalidPipelineInputException("'word' is not an audio file: for word timestamps use --word-timestamps (--return-timestamps takes no value).");
            }

            var pipeline = await provider.GetSpeechRecognitionAsync(model, ct).ConfigureAwait(false);
            var options = new SpeechRecognitionOptions
            {
                ReturnTimestamps = parse.GetValue(timestamps),
                WordTimestamps = parse.GetValue(words),
                ReturnLanguage = parse.GetValue(returnLanguage),
                Language = parse.GetValue(language),
                Task = parse.GetValue(task)!,
                ChunkLengthSeconds = parse.GetValue(chunk),
                StrideLengthSeconds = parse.GetValue(stride),
                NumBeams = parse.GetValue(beams),
                MaxNewTokens = parse.GetValue(maxNewTokens),
            };
            var results = await pipeline.RunBatchAsync([.. paths.Select(AudioInput.FromFile)], options, ct).ConfigureAwait(false);
            for (var n = 0; n < results.Count; n++)
            {
                if (string.IsNullOrWhiteSpace(results[n].Text))
                {
                    // Issue 20: an empty transcript is not an error, but it must not pass unnoticed.
                    await context.Error.WriteLineAsync($"hfp: no speech found in '{paths[n]}' (the model returned no text).").ConfigureAwait(false);
                }
            }

            if (parse.GetValue(shared.Json))
            {
                await TaskCommandOptions.WriteJsonAsync(context, results).ConfigureAwait(false);
                return;
            }

            for (var n = 0; n < results.Count; n++)
            {
                var result = results[n];
                await PlainOutput.WriteHeaderAsync(context.Out, paths, n, isText: false).ConfigureAwait(false);
                await context.Out.WriteLineAsync(result.Text.Trim()).ConfigureAwait(false);
                foreach (var segment in result.Chunks ?? [])
                {
                    var end = segment.Timestamp[1]?.ToString("0.00", CultureInfo.InvariantCulture) ?? "?";
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  [{segment.Timestamp[0]:0.00} - {end}] {segment.Text.Trim()}")).ConfigureAwait(false);
                }
            }
        }));
        return command;
    }
}
