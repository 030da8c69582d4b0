using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Cli.Serve.Chat;
using HfPipelines.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HfPipelines.Cli.Serve;

/// <summary>
/// The request handlers. Each API call runs under the request's token linked with the per-request timeout (504
/// when it fires); typed errors become JSON answers: a request error its status, bad pipeline input 400, an
/// unknown model or task 404 listing the served models.
/// </summary>
internal sealed class ServeHandlers(ServeOptions options, ModelCatalog catalog, IPipelineProvider provider, ChatClients chat, ServeMetrics metrics, PipelineTaskCatalog tasks)
{
    /// <summary>GET /health: in_flight counts the other requests (the middleware counts this one too).</summary>
    public Task HealthAsync(HttpContext context) =>
        ServeResults.JsonAsync(context, 200, new JsonObject { ["status"] = "ok", ["models"] = catalog.Models.Count, ["in_flight"] = Math.Max(0, metrics.InFlight - 1) }, context.RequestAborted);

    public async Task MetricsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(metrics.Render(), context.RequestAborted).ConfigureAwait(false);
    }

    public Task ModelsAsync(HttpContext context) =>
        ServeResults.JsonAsync(context, 200, new JsonObject { ["models"] = JsonSerializer.SerializeToNode(catalog.Models, ServeResults.Json), ["auth"] = options.ApiKey is not null }, context.RequestAborted);

    public Task OpenAIModelsAsync(HttpContext context)
    {
        var data = new JsonArray([.. catalog.Models.Select(m => m.Id).Distinct(StringComparer.Ordinal)
            .Select(id => (JsonNode)new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = 0, ["owned_by"] = "hfp" })]);
        return ServeResults.JsonAsync(context, 200, new JsonObject { ["object"] = "list", ["data"] = data }, context.RequestAborted);
    }

    public Task TaskAsync(HttpContext context) => GuardAsync(context, async cancellationToken =>
    {
        var path = context.GetRouteValue("model") as string ?? string.Empty;
        var marker = path.IndexOf("/pipeline/", StringComparison.Ordinal);
        var (model, task) = marker >= 0 ? (path[..marker], path[(marker + "/pipeline/".Length)..]) : (path, null);
        var input = await ServeRequestReader.ReadTaskInputAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var served = catalog.Resolve(model.Trim('/'), task, input);
        var answer = await tasks.Resolve(served.Task).RunRequestAsync(provider, served.Model, input, cancellationToken).ConfigureAwait(false);
        await ServeResults.JsonAsync(context, 200, answer, cancellationToken).ConfigureAwait(false);
    });

    public Task ChatAsync(HttpContext context) => GuardAsync(context, async cancellationToken =>
    {
        var root = await ServeRequestReader.ReadJsonAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var request = ChatRequestParser.Parse(root);
        var served = catalog.ResolveChat(request.Model);
        var model = served.Id;
        request.Options.ModelId = model;
        var client = await chat.GetAsync(served.Model, cancellationToken).ConfigureAwait(false);
        if (request.Stream)
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken);
            await ChatStreamWriter.WriteAsync(context.Response, updates, request, model, cancellationToken).ConfigureAwait(false);
            return;
        }

        var response = await client.GetResponseAsync(request.Messages, request.Options, cancellationToken).ConfigureAwait(false);
        var created = (response.CreatedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        await ServeResults.JsonAsync(context, 200, ChatResponseWriter.Completion(response, response.ResponseId ?? ChatIds.New(), model, created), cancellationToken).ConfigureAwait(false);
    });

    private async Task GuardAsync(HttpContext context, Func<CancellationToken, Task> work)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);
        try
        {
            await work(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to answer.
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await FailAsync(context, 504, $"The request ran longer than the server's limit of {options.RequestTimeout.TotalSeconds:0.###} s and was cancelled; send a smaller input or raise requestTimeoutSeconds.", false).ConfigureAwait(false);
        }
        catch (ServeRequestException ex)
        {
            await FailAsync(context, ex.StatusCode, ex.Message, ex.ListModels).ConfigureAwait(false);
        }
        catch (InvalidPipelineInputException ex)
        {
            await FailAsync(context, 400, ex.Message, false).ConfigureAwait(false);
        }
        catch (UnknownTaskException ex)
        {
            await FailAsync(context, 404, ex.Message, true).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            await FailAsync(context, ex.StatusCode, ex.StatusCode == 413 ? $"The request body is larger than {options.MaxRequestBytes} bytes, the most this server accepts." : ex.Message, false).ConfigureAwait(false);
        }
        catch (HfPipelinesException ex)
        {
            await FailAsync(context, 500, ex.Message, false).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(HttpContext context, int status, string message, bool listModels)
    {
        if (context.Response.HasStarted)
        {
            // A stream already sent its status line: end it with an error event instead.
            await ChatStreamWriter.WriteErrorAsync(context.Response, message, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await ServeResults.ErrorAsync(context, status, message, listModels ? catalog.Models : null, context.RequestAborted).ConfigureAwait(false);
    }
}
