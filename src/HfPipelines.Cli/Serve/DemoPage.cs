using Microsoft.AspNetCore.Http;

namespace HfPipelines.Cli.Serve;

/// <summary>Serves the demo page's files, embedded in the assembly (Serve/wwwroot), no front-end build.</summary>
internal static class DemoPage
{
    public static async Task WriteAsync(HttpContext context, string name)
    {
        var stream = typeof(DemoPage).Assembly.GetManifestResourceStream($"HfPipelines.Cli.Serve.wwwroot.{name}")
            ?? throw new InvalidOperationException($"The demo page file {name} is missing from the assembly; rebuild hfp.");
        await using (stream.ConfigureAwait(false))
        {
            context.Response.ContentType = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "text/html; charset=utf-8",
            };
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
