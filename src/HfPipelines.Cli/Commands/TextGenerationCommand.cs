using System.CommandLine;
using System.Text.Json;
using HfPipelines.ChatTemplates;
using HfPipelines.Generation;
using HfPipelines.Cli.Composition;
using HfPipelines.Tasks;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp text-generation</c>: continues a prompt with a local GGUF file or GenAI folder, streaming tokens.</summary>
internal static class TextGenerationCommand
{
    public static Command Create(CliContext context)
    {
        var prompt = new Argument<string>("prompt") { Description = "The text to continue." };
        var model = new Option<string?>("--model", "-m") { Description = "A GGUF model (a .gguf file, org/name:file.gguf, or a repo holding one GGUF) or an ONNX Runtime GenAI folder." };
        var endpoint = new Option<string?>("--endpoint") { Description = "An OpenAI-compatible server (vLLM, TGI, llama.cpp server, Ollama) instead of a local model; --model names its model." };
        var maxNewTokens = (new Option<int>("--max-new-tokens") { Description = "Most new tokens.", DefaultValueFactory = _ => 256 }).AtLeast(1);
        var doSample = new Option<bool>("--do-sample") { Description = "Sample (true) or decode greedily (false, the default)." };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature.", DefaultValueFactory = _ => 1.0f };
        var topK = TopKOption.Create("tokens sampled from (top-k sampling)", 50);
        var topP = new Option<float>("--top-p") { Description = "Nucleus sampling mass (1 = off).", DefaultValueFactory = _ => 1.0f };
        var seed = new Option<int?>("--seed") { Description = "Random seed for sampling." };
        var stop = new Option<string[]>("--stop") { Description = "Stop sequence (repeatable).", AllowMultipleArgumentsPerToken = false };
        var threads = (new Option<int?>("--threads") { Description = "CPU threads (default: all cores)." }).AtLeast(1);
        var json = new Option<bool>("--json") { Description = "Print [{\"generated_text\": ...}] instead of streaming." };
        var template = ChatTemplateOption.Create();
        template.Description += " Given, the prompt is sent as one user turn formatted with it (as Python does for chat messages).";
        var command = new Command("text-generation", "Continue a prompt with a local decoder-only model, streaming tokens.")
        {
            prompt, model, endpoint, maxNewTokens, doSample, temperature, topK, topP, seed, stop, threads, json, template,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new TextGenerationOptions
            {
                MaxNewTokens = parse.GetValue(maxNewTokens),
                DoSample = parse.GetValue(doSample),
                Temperature = parse.GetValue(temperature),
                TopK = parse.GetValue(topK),
                TopP = parse.GetValue(topP),
                Seed = parse.GetValue(seed),
                Stop = parse.GetValue(stop) ?? [],
            };
            var text = parse.GetValue(prompt)!;
            if (text.Length == 0)
            {
                throw new InvalidPipelineInputException("text-generation needs a non-empty prompt.");
            }

            var chatOptions = TextGenerationPipeline.ToChatOptions(options); // validates every option before a model loads
            var templateText = parse.GetValue(template) is { } t ? KnownChatTemplates.Resolve(t) : null;
            var client = parse.GetValue(endpoint) is { } url
                ? await context.CreateChatClientAsync(parse.GetValue(model), url, parse.GetValue(template), ct).ConfigureAwait(false)
                : await OpenLocalAsync(context, parse.GetValue(model), parse.GetValue(threads), templateText, ct).ConfigureAwait(false);
            if (templateText is not null)
            {
                using (client)
                {
                    return await ChatTurnAsync(context, client, text, chatOptions, parse.GetValue(json), ct).ConfigureAwait(false);
                }
            }

            using var pipeline = new TextGenerationPipeline(client, ownsClient: true);
            if (parse.GetValue(json))
            {
                var result = await pipeline.RunAsync(text, options, ct).ConfigureAwait(false);
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new[] { result })).ConfigureAwait(false);
                return 0;
            }

            await context.Out.WriteAsync(text).ConfigureAwait(false);
            await foreach (var piece in pipeline.StreamAsync(text, options, ct).ConfigureAwait(false))
            {
                await context.Out.WriteAsync(piece).ConfigureAwait(false);
                await context.Out.FlushAsync(ct).ConfigureAwait(false);
            }

            await context.Out.WriteLineAsync().ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>With <c>--chat-template</c>: the prompt as one user turn, the reply streamed (JSON: Python's messages list).</summary>
    private static async Task<int> ChatTurnAsync(CliContext context, IChatClient client, string text, ChatOptions options, bool json, CancellationToken ct)
    {
        options.AdditionalProperties?.Remove(GenerationPropertyNames.RawPrompt);
        var reply = new System.Text.StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, text)], options, ct).ConfigureAwait(false))
        {
            reply.Append(update.Text);
            if (!json)
            {
                await context.Out.WriteAsync(update.Text).ConfigureAwait(false);
                await context.Out.FlushAsync(ct).ConfigureAwait(false);
            }
        }

        await context.Out.WriteLineAsync(json
            ? JsonSerializer.Serialize(new[] { new { generated_text = new[] { new { role = "user", content = text }, new { role = "assistant", content = reply.ToString() } } } })
            : string.Empty).ConfigureAwait(false);
        return 0;
    }

    private static async Task<IChatClient> OpenLocalAsync(CliContext context, string? model, int? threads, string? chatTemplate, CancellationToken ct)
    {
        var reference = model ?? throw new HfPipelinesException("Give --model (a GGUF file or repo, or a GenAI folder) or --endpoint URL.");
        var path = await context.ResolveModelPathAsync(reference, null, ct).ConfigureAwait(false);
        return CliBackends.Create(threads, chatTemplate).Select(b => b.TryCreateChatClient(path, reference)).FirstOrDefault(c => c is not null)
            ?? throw new ModelLoadException($"'{path}' is neither a .gguf file nor an ONNX Runtime GenAI folder (with genai_config.json). Pass a local model path.");
    }
}
