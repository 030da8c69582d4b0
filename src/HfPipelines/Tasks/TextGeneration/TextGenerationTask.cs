using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using HfPipelines.Remote.Http;

namespace HfPipelines.Tasks;

/// <summary>
/// text-generation (TGI's <c>{inputs, parameters}</c>): max_new_tokens, do_sample, temperature, top_p, top_k,
/// repetition_penalty, seed, stop, return_full_text; <c>[{generated_text}]</c>. Local models come from the generative
/// backends (llama.cpp, ONNX Runtime GenAI), which register themselves. Remote: on the router and OpenAI-compatible
/// servers the prompt goes as one user message to <c>/v1/chat/completions</c>; on a dedicated endpoint (TGI) as
/// <c>{inputs, parameters}</c> to the task route.
/// </summary>
public sealed class TextGenerationTask : PipelineTask<string, TextGenerationOptions, TextGenerationResult>
{
    internal TextGenerationTask()
        : base(PipelineTaskNames.TextGeneration, TaskInputKind.Text, "Continue a prompt or answer a chat.")
    {
    }

    /// <inheritdoc />
    protected override bool WrapSingleResult => true;

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("text", TaskArgumentType.String, "The prompt to continue.") with { Aliases = ["prompt"] },
        TaskArgument.Parameter("max_new_tokens", TaskArgumentType.Integer, "How many tokens to generate at most."),
        TaskArgument.Parameter("do_sample", TaskArgumentType.Boolean, "Sample instead of greedy decoding."),
        TaskArgument.Parameter("temperature", TaskArgumentType.Number, "Sampling temperature."),
        TaskArgument.Parameter("top_p", TaskArgumentType.Number, "Nucleus sampling mass."),
        TaskArgument.Parameter("top_k", TaskArgumentType.Integer, "Sample from the k most likely tokens."),
        TaskArgument.Parameter("repetition_penalty", TaskArgumentType.Number, "Penalty for repeated tokens (1: none)."),
        TaskArgument.Parameter("seed", TaskArgumentType.Integer, "Random seed for sampling."),
        TaskArgument.Parameter("stop", TaskArgumentType.StringList, "Texts that end the generation."),
        TaskArgument.Parameter("return_full_text", TaskArgumentType.Boolean, "Return the prompt and the new text (default false here)."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Generation", "generate",
        "Write new text that continues a prompt with the configured text-generation model (a draft, a story, a continuation). Returns only the new text.");

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request) => ReadTexts(request);

    /// <inheritdoc />
    public override TextGenerationOptions ReadOptions(TaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = request.Parameters;
        var defaults = new TextGenerationOptions();
        return new TextGenerationOptions
        {
            MaxNewTokens = p.Int("max_new_tokens") ?? defaults.MaxNewTokens,
            DoSample = p.Bool("do_sample") ?? defaults.DoSample,
            Temperature = p.Float("temperature") ?? defaults.Temperature,
            TopP = p.Float("top_p") ?? defaults.TopP,
            TopK = p.Int("top_k") ?? defaults.TopK,
            RepetitionPenalty = p.Float("repetition_penalty") ?? defaults.RepetitionPenalty,
            Seed = p.Int("seed"),
            Stop = p.Strings("stop") ?? [],
            ReturnFullText = p.Bool("return_full_text") ?? defaults.ReturnFullText,
        };
    }

    /// <inheritdoc />
    public override async Task<TextGenerationResult> RunRemoteAsync(IRemoteTaskClient client, string input, TextGenerationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var prompt = RequireText(input);
        Check(options);
        if (client.EndpointKind is RemoteEndpointKind.Router or RemoteEndpointKind.OpenAICompatible)
        {
            var answer = await client.PostChatAsync(ChatBody(prompt, client.Model, options), cancellationToken).ConfigureAwait(false);
            var text = ChatText(answer);
            return new TextGenerationResult(options.ReturnFullText ? prompt + text : text);
        }

        var generated = await client.PostJsonAsync(WriteRequest(prompt, options), cancellationToken).ConfigureAwait(false);
        return ReadResponse(generated, prompt, options);
    }

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, TextGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        var parameters = new JsonObject
        {
            ["max_new_tokens"] = options.MaxNewTokens,
            ["do_sample"] = options.DoSample,
            ["repetition_penalty"] = options.RepetitionPenalty,
            ["return_full_text"] = options.ReturnFullText,
        };
        if (options.DoSample)
        {
            parameters["temperature"] = options.Temperature;
            parameters["top_p"] = options.TopP;
            parameters["top_k"] = options.TopK;
        }

        if (options.Seed is { } seed)
        {
            parameters["seed"] = seed;
        }

        if (options.Stop.Count > 0)
        {
            parameters["stop"] = new JsonArray([.. options.Stop.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }

        return new JsonObject { ["inputs"] = RequireText(input), ["parameters"] = parameters };
    }

    /// <inheritdoc />
    public override TextGenerationResult ReadResponse(JsonElement answer, string input, TextGenerationOptions options) =>
        new(RemoteJson.FirstText(answer, "generated_text", Name));

    /// <summary>The OpenAI-style chat body of a prompt: one user message.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="model">The model id.</param>
    /// <param name="options">The options.</param>
    /// <returns>The body.</returns>
    public static JsonObject ChatBody(string prompt, string? model, TextGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
            ["max_tokens"] = options.MaxNewTokens,
            ["temperature"] = options.DoSample ? options.Temperature : 0f,
        };
        if (options.DoSample)
        {
            body["top_p"] = options.TopP;
        }

        if (options.Seed is { } seed)
        {
            body["seed"] = seed;
        }

        if (options.Stop.Count > 0)
        {
            body["stop"] = new JsonArray([.. options.Stop.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }

        return body;
    }

    /// <summary>The text of an OpenAI-style chat answer.</summary>
    /// <param name="answer">The answer.</param>
    /// <returns>The text.</returns>
    public static string ChatText(JsonElement answer)
    {
        if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array
            && choices.GetArrayLength() > 0 && choices[0].TryGetProperty("message", out var message))
        {
            return RemoteJson.OptionalString(message, "content") ?? string.Empty;
        }

        throw RemoteJson.Shape(PipelineTaskNames.TextGeneration, "{choices: [{message: {content}}]}", answer);
    }

    private static void Check(TextGenerationOptions options)
    {
        if (options.MaxNewTokens < 1)
        {
            throw new InvalidPipelineInputException($"max_new_tokens must be at least 1, got {options.MaxNewTokens}.");
        }
    }
}
