namespace HfPipelines.Remote;

/// <summary>
/// Retries, timeouts and the per-host circuit breaker of remote calls. Every setter checks its range and
/// throws <see cref="ArgumentOutOfRangeException"/> naming the option. Not thread-safe while being set;
/// read-only in use.
/// </summary>
public sealed class RemoteResilienceOptions
{
    private int _maxRetryAttempts = 4;
    private TimeSpan _baseDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxDelay = TimeSpan.FromSeconds(60);
    private TimeSpan _maxModelLoadingWait = TimeSpan.FromSeconds(120);
    private TimeSpan _attemptTimeout = TimeSpan.FromSeconds(100);
    private TimeSpan _totalTimeout = TimeSpan.FromMinutes(5);
    private double _failureRatio = 0.5;
    private int _minimumThroughput = 10;
    private TimeSpan _samplingDuration = TimeSpan.FromSeconds(30);
    private TimeSpan _breakDuration = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, 0 to 20. Default 4.</summary>
    public int MaxRetryAttempts { get => _maxRetryAttempts; set => _maxRetryAttempts = InRange(value, 0, 20, nameof(MaxRetryAttempts)); }

    /// <summary>First backoff delay (doubled each retry, with jitter), 0 to 1 minute. Default 1 s.</summary>
    public TimeSpan BaseDelay { get => _baseDelay; set => _baseDelay = InRange(value, TimeSpan.Zero, TimeSpan.FromMinutes(1), nameof(BaseDelay)); }

    /// <summary>Longest single wait, also for <c>Retry-After</c> and rate-limit hints, 0 to 1 hour. Default 60 s.</summary>
    public TimeSpan MaxDelay { get => _maxDelay; set => _maxDelay = InRange(value, TimeSpan.Zero, TimeSpan.FromHours(1), nameof(MaxDelay)); }

    /// <summary>
    /// Longest time, summed over retries, to wait for a model the server reports as loading (503 with
    /// <c>estimated_time</c>), 0 to 1 hour. Default 120 s. Each wait is the server's estimate, capped by what is left.
    /// </summary>
    public TimeSpan MaxModelLoadingWait { get => _maxModelLoadingWait; set => _maxModelLoadingWait = InRange(value, TimeSpan.Zero, TimeSpan.FromHours(1), nameof(MaxModelLoadingWait)); }

    /// <summary>Timeout of one attempt (until the response headers arrive), 10 ms to 1 hour. Default 100 s.</summary>
    public TimeSpan AttemptTimeout { get => _attemptTimeout; set => _attemptTimeout = InRange(value, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), nameof(AttemptTimeout)); }

    /// <summary>Timeout of the whole call including retries and waits, 10 ms to 24 hours. Default 5 minutes.</summary>
    public TimeSpan TotalTimeout { get => _totalTimeout; set => _totalTimeout = InRange(value, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(24), nameof(TotalTimeout)); }

    /// <summary>Failure ratio within <see cref="SamplingDuration"/> that opens a host's circuit, above 0 up to 1. Default 0.5.</summary>
    public double CircuitFailureRatio
    {
        get => _failureRatio;
        set => _failureRatio = value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(CircuitFailureRatio), value, $"{nameof(CircuitFailureRatio)} must be above 0 and at most 1.");
    }

    /// <summary>Calls within <see cref="SamplingDuration"/> before the circuit may open, 2 to 10000. Default 10.</summary>
    public int CircuitMinimumThroughput { get => _minimumThroughput; set => _minimumThroughput = InRange(value, 2, 10_000, nameof(CircuitMinimumThroughput)); }

    /// <summary>Window over which the failure ratio is measured, 0.5 s to 1 day. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get => _samplingDuration; set => _samplingDuration = InRange(value, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1), nameof(SamplingDuration)); }

    /// <summary>How long an open circuit fails fast before a trial call, 0.5 s to 1 day. Default 30 s.</summary>
    public TimeSpan BreakDuration { get => _breakDuration; set => _breakDuration = InRange(value, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1), nameof(BreakDuration)); }

    /// <summary>Whether a host's circuit breaker is on. Default true.</summary>
    public bool UseCircuitBreaker { get; set; } = true;

    /// <summary>Whether backoff delays get random jitter (50 % to 100 % of the computed delay). Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Whether the computed retry delays are actually waited. Default true. Tests set false and read the
    /// computed delays through <see cref="OnRetry"/>.
    /// </summary>
    public bool WaitBetweenRetries { get; set; } = true;

    /// <summary>Called before each retry with the reason and the computed delay (never with the token). Default none.</summary>
    public Action<RemoteRetryEvent>? OnRetry { get; set; }

    private static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");

    private static TimeSpan InRange(TimeSpan value, TimeSpan min, TimeSpan max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
}
