using System.Text.Json;

namespace HfPipelines.Cli.Serve;

/// <summary>The body of a task request: JSON <c>{inputs, parameters}</c>, or raw image / audio bytes.</summary>
internal sealed class ServeInput
{
    private ServeInput(JsonElement? json, ReadOnlyMemory<byte> media, string mediaType)
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
        : throw ServeRequestException.BadRequest("The JSON body needs an \"inputs\" field: {\"inputs\": ..., \"parameters\": {...}}.");

    /// <summary>The <c>parameters</c> object, empty when absent.</summary>
    public RequestFields Parameters => Json is { ValueKind: JsonValueKind.Object } root ? RequestFields.Of(root, "parameters") : RequestFields.Empty("parameters");

    /// <summary>The top-level fields (TEI-style <c>normalize</c> sits there).</summary>
    public RequestFields Root => Json is { ValueKind: JsonValueKind.Object } root ? new RequestFields(root, string.Empty) : RequestFields.Empty(string.Empty);

    /// <summary>A JSON body.</summary>
    /// <param name="root">The parsed body.</param>
    /// <returns>The input.</returns>
    public static ServeInput FromJson(JsonElement root) => new(root, ReadOnlyMemory<byte>.Empty, "application/json");

    /// <summary>A raw media body.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="mediaType">Their media type.</param>
    /// <returns>The input.</returns>
    public static ServeInput FromMedia(ReadOnlyMemory<byte> bytes, string mediaType) => new(null, bytes, mediaType);

    /// <summary>The image or audio bytes: the raw body, or base64 in <c>inputs</c>.</summary>
    /// <param name="what">"image" or "audio", for messages.</param>
    /// <returns>The bytes.</returns>
    public ReadOnlyMemory<byte> MediaBytes(string what)
    {
        if (Json is null)
        {
            return Media.Length > 0 ? Media : throw ServeRequestException.BadRequest($"The {what} body is empty; send the {what} file's bytes.");
        }

        var text = RequestFields.Text(Inputs, "inputs");
        var comma = text.StartsWith("data:", StringComparison.Ordinal) ? text.IndexOf(',', StringComparison.Ordinal) : -1;
        try
        {
            return Convert.FromBase64String(comma >= 0 ? text[(comma + 1)..] : text);
        }
        catch (FormatException)
        {
            throw ServeRequestException.BadRequest($"\"inputs\" must be the {what} file as base64 (or send the raw bytes with an {what}/* content type).");
        }
    }
}
