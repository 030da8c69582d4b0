using System.Net;
using System.Text.Json;

namespace HfPipelines.Remote.Http;

/// <summary>Turns a failed answer into a typed exception whose message says what to do; never shows the token.</summary>
internal static class RemoteErrors
{
    private const int MaxMessageLength = 400;

    public static async Task<RemoteInferenceException> FromResponseAsync(
        HttpResponseMessage response, string host, bool tokenSent, string? token, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var serverMessage = Redact(ServerMessage(body), token);
        var status = response.StatusCode;
        var code = (int)status;
        var said = string.IsNullOrEmpty(serverMessage) ? string.Empty : $": {serverMessage}";
        var message = status switch
        {
            HttpStatusCode.Unauthorized => tokenSent
                ? $"{host} refused the token (401 Unauthorized{said}). Set HF_TOKEN (or RemoteInferenceOptions.Token) to a valid token from https://huggingface.co/settings/tokens with the 'Make calls to Inference Providers' permission."
                : $"{host} needs a token (401 Unauthorized{said}). Set the HF_TOKEN environment variable (or RemoteInferenceOptions.Token) to a token from https://huggingface.co/settings/tokens; for a non-Hugging Face endpoint, give the token for that endpoint explicitly.",
            HttpStatusCode.Forbidden => $"{host} forbids this call (403 Forbidden{said}). Accept the model's terms on its Hub page or use a token with access to it.",
            HttpStatusCode.NotFound => $"{host} does not serve this model or route (404 Not Found{said}). Check the model id and that the provider serves it for this task.",
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => $"{host} rejected the request ({code}{said}). Check the input and the task options.",
            HttpStatusCode.TooManyRequests => $"{host} kept rate-limiting the call (429{said}). Wait, lower the request rate, or raise RemoteResilienceOptions.MaxRetryAttempts / TotalTimeout.",
            HttpStatusCode.ServiceUnavailable => $"{host} stayed unavailable (503{said}). The model may still be loading; try again later or raise RemoteResilienceOptions.MaxModelLoadingWait.",
            _ => $"{host} answered {code} {status}{said}.",
        };
        return new RemoteInferenceException(message) { StatusCode = status, ServerMessage = serverMessage, Host = host };
    }

    public static string? ServerMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["error", "message", "detail", "error_description"])
                {
                    if (root.TryGetProperty(name, out var value))
                    {
                        return Shorten(Describe(value));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body itself is the message.
        }

        return Shorten(body.Trim());
    }

    public static string? Redact(string? text, string? token) =>
        text is null || string.IsNullOrEmpty(token) ? text : text.Replace(token, "***", StringComparison.Ordinal);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Object when value.TryGetProperty("message", out var inner) => Describe(inner),
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Describe)),
        _ => value.GetRawText(),
    };

    private static string Shorten(string text) => text.Length <= MaxMessageLength ? text : string.Concat(text.AsSpan(0, MaxMessageLength), "...");
}
