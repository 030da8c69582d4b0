using System.Net;
using System.Net.Http.Headers;

namespace HfPipelines.Hub;

/// <summary>Sending, redirects, the token rule and status codes.</summary>
internal sealed partial class HubClient
{
    /// <summary>
    /// Sends a request and follows redirects by hand: always those on the endpoint host (renamed repos),
    /// those to other hosts only when <paramref name="followCrossHost"/>. The token goes only to the endpoint host.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, bool followCrossHost, RangeHeaderValue? range, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("hfpipelines", "1.0"));
            request.Headers.Range = range;
            if (options.Token is { Length: > 0 } token && IsEndpointHost(uri))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var response = await SendOnceAsync(request, uri, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode))
            {
                return response;
            }

            Uri target;
            try
            {
                target = RedirectTarget(response);
            }
            catch (HubException)
            {
                response.Dispose();
                throw;
            }

            if (!followCrossHost && !SameOrigin(target, uri))
            {
                return response;
            }

            if (hop >= MaxRedirects)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new HubRequestException(
                    $"Redirect loop: {SafeUri.Origin(uri)} redirected more than {MaxRedirects} times (last to {SafeUri.Origin(target)}{HubAnswers.Shorten(target.AbsolutePath)}); is {Endpoint} a Hugging Face Hub?")
                { StatusCode = status };
            }

            response.Dispose();
            uri = target;
        }
    }

    /// <summary>
    /// One request. A host that cannot be reached (refused, unknown name, no connection within
    /// <see cref="HubOptions.ConnectTimeout"/>, no answer within <see cref="HubOptions.RequestTimeout"/>) is
    /// <see cref="HubRequestException.IsUnreachable"/>: not retried, one line that says how to go offline.
    /// </summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError)
        {
            throw new HubRequestException(
                $"The Hub at {SafeUri.Origin(uri)} cannot be reached ({ex.Message.TrimEnd('.')}); check the network and HF_ENDPOINT, or set HF_HUB_OFFLINE=1 to work from the cache only.", ex)
            { IsUnreachable = true };
        }
        catch (HttpRequestException ex)
        {
            throw new HubRequestException($"The answer of {SafeUri.Origin(uri)} could not be read ({ex.Message.TrimEnd('.')}).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HubRequestException(
                $"The Hub at {SafeUri.Origin(uri)} did not answer (connect timeout {options.ConnectTimeout.TotalSeconds:0.#} s, request timeout {options.RequestTimeout.TotalSeconds:0.#} s); "
                + "check the network and HF_ENDPOINT, or set HF_HUB_OFFLINE=1 to work from the cache only.", ex)
            { IsUnreachable = true };
        }
    }

    private bool IsEndpointHost(Uri uri) => SameOrigin(uri, options.Endpoint);

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static Uri RedirectTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location
            ?? throw new HubRequestException("The Hub answered with a redirect without a (valid) Location.") { StatusCode = (int)response.StatusCode };
        var raw = location.OriginalString;
        if (raw.Split('?')[0].Split('/').Any(s => s is ".." || s.Equals("%2e%2e", StringComparison.OrdinalIgnoreCase)))
        {
            throw new HubSecurityException("Refused a redirect whose path climbs out with '..'.");
        }

        var target = location.IsAbsoluteUri ? location
            : Uri.TryCreate(response.RequestMessage!.RequestUri!, location, out var resolved) ? resolved
            : throw new HubRequestException($"The Hub answered with a redirect to '{HubAnswers.Shorten(raw)}', which is not a valid address.") { StatusCode = (int)response.StatusCode };
        return target.Scheme == Uri.UriSchemeHttps || target.Scheme == Uri.UriSchemeHttp
            ? target
            : throw new HubSecurityException($"Refused a redirect to a '{target.Scheme}:' address; only http(s) is followed.");
    }

    private void ThrowOnError(HttpResponseMessage response, string repoId, string? revision, string? path)
    {
        var status = (int)response.StatusCode;
        if (status < 400)
        {
            return;
        }

        var what = path is null ? $"the repository '{repoId}'" : $"the file '{path}' of '{repoId}'";
        var at = revision is null ? string.Empty : $" at revision '{revision}'";
        var code = response.Headers.TryGetValues("X-Error-Code", out var codes) ? codes.FirstOrDefault() : null;
        if (code is "RepoNotFound" or "EntryNotFound" or "RevisionNotFound")
        {
            status = 404;
            what = code switch
            {
                "RepoNotFound" => $"the repository '{repoId}'",
                "RevisionNotFound" => $"the revision '{revision}' of '{repoId}'",
                _ => what,
            };
            at = code == "RevisionNotFound" ? string.Empty : at;
        }

        switch (status)
        {
            case 401:
                throw new HubAuthenticationException(
                    $"The Hub answered 401 Unauthorized for {what}{at}: it does not exist, or it is private or gated and needs a token. "
                    + "Set HF_TOKEN (or write the token to $HF_HOME/token); create one at https://huggingface.co/settings/tokens.") { StatusCode = status };
            case 403:
                throw new HubAuthenticationException(
                    $"The Hub answered 403 Forbidden for {what}{at}: the token has no access. Accept the model's conditions on its Hub page, or use a token with read access (HF_TOKEN).") { StatusCode = status };
            case 404:
                throw new ModelNotFoundException($"{Capitalize(what)} does not exist on {options.Endpoint.Authority}{at} (HTTP 404). Check the spelling and the revision; a private or gated repository also needs HF_TOKEN.") { Reference = repoId };
        }

        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;
        throw new HubRequestException($"The Hub answered {status} {HubAnswers.Shorten(response.ReasonPhrase ?? string.Empty)} for {what}{at}.")
        {
            StatusCode = status,
            RetryAfter = retryAfter is { } delay && delay < TimeSpan.Zero ? TimeSpan.Zero : retryAfter,
        };
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
