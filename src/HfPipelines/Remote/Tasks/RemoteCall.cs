using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Pipelines;
using HfPipelines.Remote.Http;

namespace HfPipelines.Remote.Tasks;

/// <summary>The client, routes, task and model a remote task call goes through: what a descriptor's remote side sees.</summary>
/// <param name="Client">The shared HTTP client.</param>
/// <param name="Routes">The routes of the configured server.</param>
/// <param name="Task">The task name (for the route and messages).</param>
/// <param name="Model">The model id (required on the router), or null.</param>
internal sealed record RemoteCall(RemoteInferenceClient Client, RemoteRoutes Routes, string Task, string? Model) : IRemoteTaskClient
{
    public RemoteEndpointKind EndpointKind => Routes.Kind;

    public Task<JsonElement> PostJsonAsync(JsonNode body, CancellationToken cancellationToken) =>
        Client.PostJsonAsync(Routes.Task(Task, Model), body, Task, cancellationToken);

    public Task<JsonElement> PostBytesAsync(ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken) =>
        Client.PostBytesAsync(Routes.Task(Task, Model), bytes, contentType, Task, cancellationToken);

    public Task<JsonElement> PostChatAsync(JsonNode body, CancellationToken cancellationToken) =>
        Client.PostJsonAsync(Routes.Chat, body, Task, cancellationToken);
}
