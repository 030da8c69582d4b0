using System.Text.Json;
using System.Text.Json.Nodes;

namespace HfPipelines.Pipelines;

/// <summary>
/// A task request in the Hugging Face Inference API's shape: JSON <c>{inputs, parameters}</c>, or raw image / audio
/// bytes. What <c>hfp serve</c> receives, what tool calls and workflow steps are turned into, and what a task's
/// descriptor reads its inputs and options from (<see cref="PipelineTask{TInput, TOptions, TResult}.ReadOptions"/>).
/// A missing or wrong field is an <see cref="InvalidPipelineInputException"/> naming it. Immutable.
/// </summary>
public sealed class TaskRequest
{
    private TaskRequest(JsonElement? json, ReadOnlyMemory<byte> media, string mediaType)
    {
        Json = json;
        Media = media;
        MediaType = mediaType;
    }

    /// <summary>The JSON body, or null for raw bytes.</summary>
    public JsonElement? Json { get; }

    /// <summary>The raw bytes of an image or audio body (empty for JSON).</summary>
    public ReadOnlyMemory<byte> Media { get; }

    /// <summary>The media type of the body (<c>application/json</c>, <c>image/png</c>, ...).</summary>
    public string MediaType { get; }

    /// <summary>True for a raw image body.</summary>
    public bool IsImage => Json is null && MediaType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>True for a raw audio body.</summary>
    public bool IsAudio => Json is null && MediaType.StartsWith("audio/", StringComparison.Ordinal);

    /// <summary>The <c>inputs</c> field (required in JSON bodies).</summary>
    public JsonElement Inputs => Json is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("inputs", out var inputs)
        ? inputs
        : throw new InvalidPipelineInputException("The JSON body needs an \"inputs\" field: {\"inputs\": ..., \"parameters\": {...}}.");

    /// <summary>The <c>parameters</c> object, empty when absent.</summary>
    public RequestFields Parameters => Json is { ValueKind: JsonValueKind.Object } root ? RequestFields.Of(root, "parameters") : RequestFields.Empty("parameters");

    /// <summary>The top-level fields (TEI-style <c>normalize</c> sits there).</summary>
    public RequestFields Root => Json is { ValueKind: JsonValueKind.Object } root ? new RequestFields(root, string.Empty) : RequestFields.Empty(string.Empty);

    /// <summary>A JSON body.</summary>
    /// <param name="root">The parsed body.</param>
    /// <returns>The input.</returns>
    public static TaskRequest FromJson(JsonElement root) => new(root, ReadOnlyMemory<byte>.Empty, "application/json");

    /// <summary>A JSON request built from its parts (tool calls, workflow steps, command lines).</summary>
    /// <param name="inputs">The <c>inputs</c> value.</param>
    /// <param name="parameters">The <c>parameters</c> object; null for none.</param>
    /// <returns>The request.</returns>
    public static TaskRequest From(JsonNode? inputs, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["inputs"] = inputs?.DeepClone(), ["parameters"] = parameters?.DeepClone() ?? new JsonObject() };
        return FromJson(JsonSerializer.SerializeToElement(body));
    }

    /// <summary>A raw media body.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="mediaType">Their media type.</param>
    /// <returns>The input.</returns>
    public static TaskRequest FromMedia(ReadOnlyMemory<byte> bytes, string mediaType) => new(null, bytes, mediaType);

    /// <summary>The image or audio bytes: the raw body, or base64 in <c>inputs</c>.</summary>
    /// <param name="what">"image" or "audio", for messages.</param>
    /// <returns>The bytes.</returns>
    public ReadOnlyMemory<byte> MediaBytes(string what)
    {
        if (Json is null)
        {
            return Media.Length > 0 ? Media : throw new InvalidPipelineInputException($"The {what} body is empty; send the {what} file's bytes.");
        }

        var text = RequestFields.Text(Inputs, "inputs");
        var comma = text.StartsWith("data:", StringComparison.Ordinal) ? text.IndexOf(',', StringComparison.Ordinal) : -1;
        try
        {
            return Convert.FromBase64String(comma >= 0 ? text[(comma + 1)..] : text);
        }
        catch (FormatException)
        {
            throw new InvalidPipelineInputException($"\"inputs\" must be the {what} file as base64 (or send the raw bytes with an {what}/* content type).");
        }
    }
}
