using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote;

namespace HfPipelines.Pipelines;

/// <summary>
/// What a task's descriptor sends its remote requests through: the configured server, model and resilience. Made by
/// <see cref="RemotePipelines"/>; a descriptor only builds bodies and reads answers. Thread-safe.
/// </summary>
public interface IRemoteTaskClient
{
    /// <summary>The kind of server (Hugging Face router, dedicated endpoint, OpenAI-compatible server).</summary>
    RemoteEndpointKind EndpointKind { get; }

    /// <summary>The model id sent to the server, or null for a dedicated endpoint.</summary>
    string? Model { get; }

    /// <summary>Posts a JSON body to the task's route and returns the JSON answer.</summary>
    /// <param name="body">The body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    Task<JsonElement> PostJsonAsync(JsonNode body, CancellationToken cancellationToken);

    /// <summary>Posts raw bytes (an image, audio) to the task's route and returns the JSON answer.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="contentType">Their media type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    Task<JsonElement> PostBytesAsync(ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken);

    /// <summary>Posts an OpenAI-style chat completion body to the server's <c>/v1/chat/completions</c> route.</summary>
    /// <param name="body">The body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    Task<JsonElement> PostChatAsync(JsonNode body, CancellationToken cancellationToken);
}
