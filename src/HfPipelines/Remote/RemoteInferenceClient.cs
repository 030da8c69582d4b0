using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace HfPipelines.Remote;

/// <summary>
/// The HTTP side of remote inference, shared by <see cref="RemotePipelines"/> and <see cref="RemoteChatClient"/>:
/// one <see cref="HttpClient"/>, one Polly pipeline per host (timeouts, retries, circuit breaker), the token
/// rules and the error mapping. Thread-safe. Redirects are followed here, re-deciding the token per host.
/// </summary>
public sealed class RemoteInferenceClient : IDisposable
{
    private const int MaxRedirects = 5;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;
    private readonly RemoteResilience _resilience;
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a client.</summary>
    /// <param name="options">Where to call and how.</param>
    /// <param name="logger">Logs retries and failures (never the token); null for none.</param>
    /// <param name="handler">
    /// An HTTP handler to send through, borrowed (not disposed); null for an owned handler that does not follow
    /// redirects by itself. A borrowed handler should not follow redirects either, or the token rules do not apply to them.
    /// </param>
    public RemoteInferenceClient(RemoteInferenceOptions options, ILogger? logger = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _logger = logger ?? NullLogger.Instance;
        _ownsHttp = handler is null;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _resilience = new RemoteResilience(options.Resilience, options.TimeProvider, _logger);
    }

    /// <summary>The options this client uses.</summary>
    public RemoteInferenceOptions Options { get; }

    /// <summary>POSTs JSON and returns the JSON answer.</summary>
    /// <param name="uri">The route.</param>
    /// <param name="body">The request body.</param>
    /// <param name="task">The task name, for error messages.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer's root element.</returns>
    internal async Task<JsonElement> PostJsonAsync(Uri uri, JsonNode body, string task, CancellationToken cancellationToken = default)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        using var response = await SendAsync(uri, () => Content(bytes, "application/json"), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, uri, task, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POSTs raw bytes (an image, an audio file) with their content type and returns the JSON answer.</summary>
    /// <param name="uri">The route.</param>
    /// <param name="bytes">The bytes.</param>
    /// <param name="contentType">Their media type.</param>
    /// <param name="task">The task name, for error messages.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer's root element.</returns>
    internal async Task<JsonElement> PostBytesAsync(Uri uri, ReadOnlyMemory<byte> bytes, string contentType, string task, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(uri, () => Content(bytes, contentType), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, uri, task, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POSTs JSON and returns the successful answer once its headers arrive (for server-sent events).</summary>
    /// <param name="uri">The route.</param>
    /// <param name="body">The request body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer; the caller disposes it.</returns>
    internal Task<HttpResponseMessage> PostStreamingAsync(Uri uri, JsonNode body, CancellationToken cancellationToken = default)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        return SendAsync(uri, () => Content(bytes, "application/json"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static ByteArrayContent Content(ReadOnlyMemory<byte> bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, Func<HttpContent> content, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var host = uri.Authority;
        var pipeline = _pipelines.GetOrAdd(host, _resilience.Create);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        RemoteResilience.MarkStart(context, Options.TimeProvider);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                static (ctx, state) => state.Self.SendOnceAsync(state.Uri, state.Content, state.Completion, ctx.CancellationToken),
                context,
                (Self: this, Uri: uri, Content: content, Completion: completion)).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, host, cancellationToken) is { } translated)
        {
            RemoteLog.Failed(_logger, host, translated.Message);
            throw translated;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await RemoteErrors.FromResponseAsync(response, host, TokenPolicy.MaySend(Options, response.RequestMessage?.RequestUri ?? uri), Options.Token, cancellationToken).ConfigureAwait(false);
            RemoteLog.Failed(_logger, host, error.Message);
            throw error;
        }
    }

    private async ValueTask<HttpResponseMessage> SendOnceAsync(Uri uri, Func<HttpContent> content, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var current = uri;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, current) { Content = content() };
            var tokenSent = Authorize(request);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(completion == HttpCompletionOption.ResponseHeadersRead ? "text/event-stream" : "application/json"));
            RemoteLog.Sending(_logger, current.Authority, current.AbsolutePath, tokenSent);
            var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is null || hop >= MaxRedirects)
            {
                return response;
            }

            var next = new Uri(current, response.Headers.Location);
            response.Dispose();
            RemoteLog.Redirect(_logger, (int)response.StatusCode, current.Authority, next.Authority, TokenPolicy.MaySend(Options, next));
            current = next;
        }
    }

    private bool Authorize(HttpRequestMessage request)
    {
        if (request.RequestUri is null || !TokenPolicy.MaySend(Options, request.RequestUri))
        {
            return false;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.Token);
        if (!string.IsNullOrWhiteSpace(Options.BillTo))
        {
            request.Headers.TryAddWithoutValidation("X-HF-Bill-To", Options.BillTo);
        }

        return true;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private RemoteInferenceException? Translate(Exception ex, string host, CancellationToken cancellationToken)
    {
        if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var resilience = Options.Resilience;
        return ex switch
        {
            TimeoutRejectedException timeout => new RemoteTimeoutException(
                timeout.Timeout == resilience.TotalTimeout
                    ? $"The call to {host} did not finish within the total timeout of {timeout.Timeout.TotalSeconds:0.###} s. Raise RemoteResilienceOptions.TotalTimeout or try again later."
                    : $"The call to {host} timed out after {resilience.MaxRetryAttempts + 1} attempt(s) of {resilience.AttemptTimeout.TotalSeconds:0.###} s each. Raise RemoteResilienceOptions.AttemptTimeout or try again later.",
                timeout) { Timeout = timeout.Timeout, Host = host },
            BrokenCircuitException broken => new RemoteCircuitOpenException(
                $"Calls to {host} are failing fast because it failed repeatedly (circuit open for up to {resilience.BreakDuration.TotalSeconds:0.###} s). Check the server, then try again.",
                broken) { Host = host },
            HttpRequestException http => new RemoteInferenceException(
                $"Could not reach {host}: {RemoteErrors.Redact(http.Message, Options.Token)} Check the URL, the network, and that the server is running.", http) { Host = host },
            _ => null,
        };
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, Uri uri, string task, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new RemoteResponseFormatException(
                $"{uri.Authority} answered {task} with malformed JSON ({ex.Message}). Check that the URL points at a server for this task.", ex)
            {
                StatusCode = response.StatusCode,
                Host = uri.Authority,
            };
        }
    }
}
