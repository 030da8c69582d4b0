using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HfPipelines.Cli.Serve;

/// <summary>The routes of <c>hfp serve</c>.</summary>
internal static class ServeEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ServeHandlers handlers)
    {
        app.MapGet("/", context => DemoPage.WriteAsync(context, "index.html"));
        app.MapGet("/app.js", context => DemoPage.WriteAsync(context, "app.js"));
        app.MapGet("/app.css", context => DemoPage.WriteAsync(context, "app.css"));
        app.MapGet("/health", new RequestDelegate(handlers.HealthAsync));
        app.MapGet("/metrics", new RequestDelegate(handlers.MetricsAsync));
        app.MapGet("/api/models", new RequestDelegate(handlers.ModelsAsync));
        app.MapGet("/v1/models", new RequestDelegate(handlers.OpenAIModelsAsync));
        app.MapPost("/models/{**model}", new RequestDelegate(handlers.TaskAsync));
        app.MapPost("/hf-inference/models/{**model}", new RequestDelegate(handlers.TaskAsync));
        app.MapPost("/v1/chat/completions", new RequestDelegate(handlers.ChatAsync));
    }
}
