using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>
/// text-generation. On the router and OpenAI-compatible servers the prompt goes as one user message to
/// <c>/v1/chat/completions</c> (the model field keeps any <c>:provider</c> / <c>:fastest</c> suffix); on a dedicated
/// endpoint (TGI) it goes to <c>POST {base}</c> as <c>{inputs, parameters}</c> and comes back as <c>[{generated_text}]</c>.
/// </summary>
internal sealed class RemoteTextGeneration() : RemoteTask<string, TextGenerationOptions, TextGenerationResult>(PipelineTasks.TextGeneration)
{
    public override async Task<TextGenerationResult> RunAsync(RemoteCall call, string input, TextGenerationOptions options, CancellationToken cancellationToken)
    {
        var prompt = Text(input);
        if (options.MaxNewTokens < 1)
        {
            throw new InvalidPipelineInputException($"max_new_tokens must be at least 1, got {options.MaxNewTokens}.");
        }

        if (call.Routes.Kind is RemoteEndpointKind.Router or RemoteEndpointKind.OpenAICompatible)
        {
            var answer = await call.Client.PostJsonAsync(call.Routes.Chat, ChatBody(prompt, call.Model, options), Task, cancellationToken).ConfigureAwait(false);
            var text = ChatText(answer);
            return new TextGenerationResult(options.ReturnFullText ? prompt + text : text);
        }

        var generated = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), GenerateBody(prompt, options), Task, cancellationToken).ConfigureAwait(false);
        return new TextGenerationResult(RemoteJson.FirstText(generated, "generated_text", Task));
    }

    public static JsonObject ChatBody(string prompt, string? model, TextGenerationOptions options)
    {
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

    public static JsonObject GenerateBody(string prompt, TextGenerationOptions options)
    {
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

        return new JsonObject { ["inputs"] = prompt, ["parameters"] = parameters };
    }

    public static string ChatText(JsonElement answer)
    {
        if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array
            && choices.GetArrayLength() > 0 && choices[0].TryGetProperty("message", out var message))
        {
            return RemoteJson.OptionalString(message, "content") ?? string.Empty;
        }

        throw RemoteJson.Shape(PipelineTasks.TextGeneration, "{choices: [{message: {content}}]}", answer);
    }
}
