using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HfPipelines.Cli.Serve;

/// <summary>Writes JSON answers and errors: <c>{"error": "..."}</c> on the hf-inference routes, OpenAI's <c>{"error": {"message"}}</c> under <c>/v1</c>.</summary>
internal static class ServeResults
{
    /// <summary>Compact JSON; the result types carry their Python field names.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task JsonAsync(HttpContext context, int status, object? answer, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, answer, answer?.GetType() ?? typeof(object), Json, cancellationToken).ConfigureAwait(false);
    }

    public static Task ErrorAsync(HttpContext context, int status, string message, IReadOnlyList<ServedModel>? models, CancellationToken cancellationToken)
    {
        JsonObject body;
        if (context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            body = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = status >= 500 ? "server_error" : "invalid_request_error", ["code"] = status } };
        }
        else
        {
            body = new JsonObject { ["error"] = message };
        }

        if (models is not null)
        {
            body["models"] = JsonSerializer.SerializeToNode(models, Json);
        }

        return JsonAsync(context, status, body, cancellationToken);
    }
}
