namespace HfPipelines.Remote;

/// <summary>
/// Where remote inference goes and how it authenticates. Setters check values and throw
/// <see cref="ArgumentException"/> naming the option. The token is sent only to Hugging Face hosts, to the
/// configured router, or to <see cref="BaseUrl"/> when <see cref="SendTokenToBaseUrl"/> says the user gave
/// the token for that endpoint. <see cref="ToString"/> never shows the token.
/// </summary>
public sealed class RemoteInferenceOptions
{
    /// <summary>The Hugging Face Inference Providers router.</summary>
    public static readonly Uri DefaultRouterUrl = new("https://router.huggingface.co");

    /// <summary>The provider used for task routes on the router.</summary>
    public const string DefaultProvider = "hf-inference";

    private Uri _baseUrl = DefaultRouterUrl;
    private string _provider = DefaultProvider;
    private string? _token;
    private RemoteResilienceOptions _resilience = new();
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>The server base URL (http or https, absolute). Default <see cref="DefaultRouterUrl"/>.</summary>
    public Uri BaseUrl
    {
        get => _baseUrl;
        set => _baseUrl = CheckUrl(value, nameof(BaseUrl));
    }

    /// <summary>What kind of server <see cref="BaseUrl"/> is. Default <see cref="RemoteEndpointKind.Router"/>.</summary>
    public RemoteEndpointKind Kind { get; set; } = RemoteEndpointKind.Router;

    /// <summary>The router provider of task routes (letters, digits, '-', '_'). Default <c>hf-inference</c>.</summary>
    public string Provider
    {
        get => _provider;
        set => _provider = !string.IsNullOrWhiteSpace(value) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? value
            : throw new ArgumentException($"{nameof(Provider)} must be a provider name such as 'hf-inference', got '{value}'.", nameof(Provider));
    }

    /// <summary>The Hugging Face token sent as a Bearer token (see the class remarks for where). Default none.</summary>
    public string? Token
    {
        get => _token;
        set => _token = value is null || (value.Length > 0 && !value.Any(char.IsWhiteSpace))
            ? value
            : throw new ArgumentException($"{nameof(Token)} must be null or a token without spaces (the value is not shown).", nameof(Token));
    }

    /// <summary>
    /// True when the user gave <see cref="Token"/> for <see cref="BaseUrl"/> even though it is not a Hugging Face
    /// host (a self-hosted server that checks the token). Default false.
    /// </summary>
    public bool SendTokenToBaseUrl { get; set; }

    /// <summary>An organisation to bill (<c>X-HF-Bill-To</c> header, sent with the token only). Default none.</summary>
    public string? BillTo { get; set; }

    /// <summary>Retries, timeouts and circuit breaker. Default <see cref="RemoteResilienceOptions"/> defaults.</summary>
    public RemoteResilienceOptions Resilience
    {
        get => _resilience;
        set => _resilience = value ?? throw new ArgumentNullException(nameof(Resilience));
    }

    /// <summary>The clock of delays and timeouts (tests pass a fake one). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }

    /// <summary>The router, or <c>HF_INFERENCE_ENDPOINT</c>, with <c>HF_TOKEN</c> and <c>HF_BILL_TO</c> when set.</summary>
    /// <param name="getVariable">Reads one variable; null reads the process environment.</param>
    /// <returns>The options.</returns>
    public static RemoteInferenceOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var options = new RemoteInferenceOptions();
        var endpoint = getVariable("HF_INFERENCE_ENDPOINT");
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            options.BaseUrl = ParseUrl(endpoint, "HF_INFERENCE_ENDPOINT");
        }

        var token = getVariable("HF_TOKEN");
        options.Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        var billTo = getVariable("HF_BILL_TO");
        options.BillTo = string.IsNullOrWhiteSpace(billTo) ? null : billTo.Trim();
        return options;
    }

    /// <summary>Options for a dedicated endpoint or self-hosted server.</summary>
    /// <param name="baseUrl">The server URL.</param>
    /// <param name="kind">The server kind.</param>
    /// <param name="token">A token the user gives for this endpoint, or null to send none.</param>
    /// <returns>The options.</returns>
    public static RemoteInferenceOptions ForEndpoint(Uri baseUrl, RemoteEndpointKind kind = RemoteEndpointKind.InferenceEndpoint, string? token = null) =>
        new() { BaseUrl = baseUrl, Kind = kind, Token = token, SendTokenToBaseUrl = token is not null };

    /// <summary>Parses an absolute http(s) URL, naming the option on failure.</summary>
    /// <param name="value">The text.</param>
    /// <param name="optionName">The option or variable it came from.</param>
    /// <returns>The URL.</returns>
    public static Uri ParseUrl(string value, string optionName)
    {
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"{optionName} must be an absolute http or https URL such as https://router.huggingface.co, got '{value}'.", optionName);
        }

        return CheckUrl(uri, optionName);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind} {BaseUrl} provider={Provider} token={(Token is null ? "none" : "set")}";

    private static Uri CheckUrl(Uri? value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{name} must be an absolute http or https URL, got '{value}'.", name);
        }

        return value;
    }
}
