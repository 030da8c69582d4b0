using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.ChatTemplates;

namespace HfPipelines.Cli.Commands;

/// <summary><c>hfp chat-template</c>: renders a conversation with a model's chat template and prints the exact prompt.</summary>
internal static class ChatTemplateCommand
{
    public static Command Create(CliContext context)
    {
        var template = new Option<FileInfo?>("--template") { Description = "A Jinja chat template file." };
        var model = new Option<string?>("--model", "-m") { Description = "A model reference, a folder (tokenizer_config.json, chat_template.jinja; its special tokens are passed too), or a .gguf file (the template in its header)." };
        var name = new Option<string?>("--name") { Description = "The named template of the model to use (e.g. tool_use, rag)." };
        var messages = new Option<FileInfo>("--messages") { Description = "JSON file: an array of messages, or an object with \"messages\" (and optionally \"tools\").", Required = true };
        var tools = new Option<FileInfo?>("--tools") { Description = "JSON file: an array of tool definitions." };
        var generation = new Option<bool>("--add-generation-prompt") { Description = "End the prompt with the start of an assistant turn." };
        var variables = new Option<string[]>("--var") { Description = "Extra template variable NAME=VALUE (VALUE as JSON, else as a string); repeatable.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("chat-template", "Render a conversation with a Hugging Face chat template and print the exact prompt.")
        {
            template, model, name, messages, tools, generation, variables,
        };
        command.SetAction(async (parse, ct) =>
        {
            var modelPath = parse.GetValue(model) is { } reference
                ? await context.ResolveModelPathAsync(reference, TokenizeCommand.TokenizerFiles, ct).ConfigureAwait(false)
                : null;
            var (chatTemplate, options) = modelPath is not null && File.Exists(modelPath) && modelPath.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)
                ? FromGguf(modelPath, parse.GetValue(template))
                : LoadTemplate(parse.GetValue(template), modelPath is null ? null : new DirectoryInfo(modelPath), parse.GetValue(name));
            var (conversation, inlineTools) = await ReadMessagesAsync(parse.GetValue(messages)!, ct).ConfigureAwait(false);
            var toolsFile = parse.GetValue(tools);
            options.Tools = toolsFile is null ? inlineTools : await ReadJsonAsync<JsonArray>(toolsFile, "--tools", ct).ConfigureAwait(false);
            options.AddGenerationPrompt = parse.GetValue(generation);
            foreach (var variable in parse.GetValue(variables) ?? [])
            {
                var (key, value) = ParseVariable(variable);
                options.Variables[key] = value;
            }

            await context.Out.WriteAsync(chatTemplate.Render(conversation, options)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>A GGUF file carries its template in its header (<c>tokenizer.chat_template</c>).</summary>
    private static (ChatTemplate Template, ChatTemplateOptions Options) FromGguf(string path, FileInfo? template)
    {
        if (template is not null)
        {
            throw new ChatTemplateException("Pass exactly one of --template FILE or --model MODEL.");
        }

        var text = HfPipelines.LlamaCpp.GgufHeaderReader.Read(path).ChatTemplate
            ?? throw new ChatTemplateException($"The GGUF file '{path}' has no chat template (no tokenizer.chat_template in its header). Pass --template FILE.");
        return (ChatTemplate.Parse(text), new ChatTemplateOptions());
    }

    private static (ChatTemplate Template, ChatTemplateOptions Options) LoadTemplate(FileInfo? template, DirectoryInfo? model, string? name)
    {
        if ((template is null) == (model is null))
        {
            throw new ChatTemplateException("Pass exactly one of --template FILE or --model FOLDER.");
        }

        if (template is not null)
        {
            if (!template.Exists)
            {
                throw new ChatTemplateException($"Template file '{template.FullName}' does not exist.");
            }

            return (ChatTemplate.Parse(File.ReadAllText(template.FullName)), new ChatTemplateOptions());
        }

        var config = Path.Combine(model!.FullName, "tokenizer_config.json");
        var options = File.Exists(config) ? ChatTemplateOptions.FromTokenizerConfig(config) : new ChatTemplateOptions();
        return (ChatTemplate.FromModelFolder(model.FullName, name), options);
    }

    private static async Task<(JsonArray Messages, JsonArray? Tools)> ReadMessagesAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var node = await ReadJsonAsync<JsonNode>(file, "--messages", cancellationToken).ConfigureAwait(false);
        return node switch
        {
            JsonArray array => (array, null),
            JsonObject { } obj when obj["messages"] is JsonArray array => (array, obj["tools"] as JsonArray),
            _ => throw new ChatTemplateException($"'{file.FullName}' must hold a JSON array of messages or an object with \"messages\"."),
        };
    }

    private static async Task<T> ReadJsonAsync<T>(FileInfo file, string option, CancellationToken cancellationToken)
        where T : JsonNode
    {
        if (!file.Exists)
        {
            throw new ChatTemplateException($"{option} file '{file.FullName}' does not exist.");
        }

        var text = await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) as T ?? throw new ChatTemplateException($"{option} file '{file.FullName}' does not hold the expected JSON ({typeof(T).Name}).");
        }
        catch (JsonException ex)
        {
            throw new ChatTemplateException($"{option} file '{file.FullName}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static (string Key, JsonNode? Value) ParseVariable(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ChatTemplateException($"--var '{text}' must look like NAME=VALUE.");
        }

        var raw = text[(eq + 1)..];
        try
        {
            return (text[..eq], JsonNode.Parse(raw));
        }
        catch (JsonException)
        {
            return (text[..eq], JsonValue.Create(raw));
        }
    }
}
