using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Seq2Seq;

namespace HfPipelines.Tasks;

/// <summary>
/// The <c>generate()</c> keywords of summarization and translation on the wire: read from <c>parameters</c> and
/// <c>parameters.generate_parameters</c> (the Inference API's place; it wins) into the options by their Python names,
/// and written back as <c>generate_parameters</c>.
/// </summary>
internal static class GenerateParameters
{
    /// <summary>The keywords, as task arguments.</summary>
    public static IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Parameter("min_length", TaskArgumentType.Integer, "The shortest output in tokens."),
        TaskArgument.Parameter("max_length", TaskArgumentType.Integer, "The longest output in tokens.", "maxLength"),
        TaskArgument.Parameter("max_new_tokens", TaskArgumentType.Integer, "The most new tokens."),
        TaskArgument.Parameter("num_beams", TaskArgumentType.Integer, "Beam search width (1: greedy)."),
        TaskArgument.Parameter("no_repeat_ngram_size", TaskArgumentType.Integer, "No n-gram of this size twice."),
        TaskArgument.Parameter("length_penalty", TaskArgumentType.Number, "Beam score length exponent."),
        TaskArgument.Parameter("early_stopping", TaskArgumentType.Boolean, "Stop beams when enough are done."),
        TaskArgument.Parameter("repetition_penalty", TaskArgumentType.Number, "Penalty for repeated tokens (1: none)."),
        TaskArgument.Parameter("do_sample", TaskArgumentType.Boolean, "Sample instead of greedy or beam search."),
        TaskArgument.Parameter("top_k", TaskArgumentType.Integer, "Sample from the k most likely tokens."),
        TaskArgument.Parameter("top_p", TaskArgumentType.Number, "Nucleus sampling mass."),
        TaskArgument.Parameter("temperature", TaskArgumentType.Number, "Sampling temperature."),
        TaskArgument.Parameter("seed", TaskArgumentType.Integer, "Random seed for sampling."),
    ];

    /// <summary>Reads the options: every field of <c>parameters</c>, then of <c>generate_parameters</c>, by Python name.</summary>
    public static TOptions Read<TOptions>(TaskRequest request)
        where TOptions : class, new()
    {
        var merged = new JsonObject();
        Copy(request.Parameters.Element, merged, "generate_parameters");
        Copy(request.Parameters.Object("generate_parameters").Element, merged, null);
        try
        {
            return merged.Deserialize<TOptions>() ?? new TOptions();
        }
        catch (JsonException ex)
        {
            var field = ex.Path?.TrimStart('$', '.') ?? "a field";
            throw new InvalidPipelineInputException($"parameters.{field} has the wrong type for {typeof(TOptions).Name.Replace("Options", string.Empty, StringComparison.Ordinal)} ({ex.Message.Split('.')[0]}).");
        }
    }

    /// <summary>The set keywords as a <c>generate_parameters</c> object; negative counts are refused.</summary>
    public static JsonObject Write(ISeq2SeqGenerationOptions options, bool includeMinLength = true)
    {
        var generate = new JsonObject();
        if (includeMinLength)
        {
            Add(generate, "min_length", options.MinLength);
        }

        Add(generate, "max_length", options.MaxLength);
        Add(generate, "max_new_tokens", options.MaxNewTokens);
        Add(generate, "num_beams", options.NumBeams);
        Add(generate, "no_repeat_ngram_size", options.NoRepeatNgramSize);
        AddValue(generate, "length_penalty", options.LengthPenalty);
        AddValue(generate, "early_stopping", options.EarlyStopping);
        AddValue(generate, "repetition_penalty", options.RepetitionPenalty);
        AddValue(generate, "do_sample", options.DoSample);
        Add(generate, "top_k", options.TopK);
        AddValue(generate, "top_p", options.TopP);
        AddValue(generate, "temperature", options.Temperature);
        AddValue(generate, "seed", options.Seed);
        return generate;
    }

    private static void Copy(JsonElement source, JsonObject target, string? skip)
    {
        if (source.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in source.EnumerateObject().Where(p => p.Name != skip && p.Value.ValueKind != JsonValueKind.Null))
        {
            target[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }
    }

    private static void Add(JsonObject target, string name, int? value)
    {
        if (value is { } set)
        {
            target[name] = set >= 0 ? set : throw new InvalidPipelineInputException($"{name} must not be negative, got {set}.");
        }
    }

    private static void AddValue<T>(JsonObject target, string name, T? value)
        where T : struct
    {
        if (value is { } set)
        {
            target[name] = JsonValue.Create(set);
        }
    }
}
