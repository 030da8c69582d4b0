using HfPipelines.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HfPipelines.Cli.Serve;

/// <summary>Reads request bodies: JSON (400 naming the problem when malformed) or raw image/audio bytes; other content types are 415.</summary>
internal static class ServeRequestReader
{
    public static async Task<TaskRequest> ReadTaskInputAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = MediaType(request);
        if (IsJson(mediaType))
        {
            return TaskRequest.FromJson(await ParseAsync(request, cancellationToken).ConfigureAwait(false));
        }

        if (mediaType is not null && (mediaType.StartsWith("image/", StringComparison.Ordinal) || mediaType.StartsWith("audio/", StringComparison.Ordinal) || mediaType == "application/octet-stream"))
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return TaskRequest.FromMedia(buffer.ToArray(), mediaType);
        }

        throw new ServeRequestException(415, $"Content type '{request.ContentType ?? "none"}' is not accepted here: send application/json ({{\"inputs\": ..., \"parameters\": {{...}}}}), or the raw bytes of an image (image/*) or audio file (audio/*).");
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken) =>
        IsJson(MediaType(request))
            ? await ParseAsync(request, cancellationToken).ConfigureAwait(false)
            : throw new ServeRequestException(415, $"Content type '{request.ContentType ?? "none"}' is not accepted here: send application/json.");

    private static async Task<JsonElement> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
            ServeJsonText.EnsureReadable(document.RootElement);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw ServeRequestException.BadRequest($"The body is not valid JSON ({ex.Message}).");
        }
    }

    private static bool IsJson(string? mediaType) =>
        mediaType is "application/json" || (mediaType?.EndsWith("+json", StringComparison.Ordinal) ?? false);

    private static string? MediaType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
}
