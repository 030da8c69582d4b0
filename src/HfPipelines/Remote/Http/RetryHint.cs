namespace HfPipelines.Remote.Http;

/// <summary>Why an attempt is retried and the wait the server asked for (null: use backoff).</summary>
/// <param name="Reason">Retry-After, RateLimit, model loading, backoff.</param>
/// <param name="ServerDelay">The server's wait, or null.</param>
/// <param name="IsModelLoading">True for a 503 whose body says the model is loading.</param>
internal sealed record RetryHint(string Reason, TimeSpan? ServerDelay, bool IsModelLoading);
