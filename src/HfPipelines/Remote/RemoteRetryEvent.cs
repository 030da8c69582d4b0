using System.Net;

namespace HfPipelines.Remote;

/// <summary>One retry about to happen: why, and how long the client waits first.</summary>
/// <param name="Host">The host (authority) called.</param>
/// <param name="AttemptNumber">The attempt that failed, 0 for the first.</param>
/// <param name="StatusCode">The status of the failed attempt, or null for a connection failure or timeout.</param>
/// <param name="Reason">Why it is retried, e.g. <c>Retry-After</c>, <c>RateLimit</c>, <c>model loading</c>, <c>backoff</c>.</param>
/// <param name="Delay">The computed delay before the next attempt.</param>
public sealed record RemoteRetryEvent(string Host, int AttemptNumber, HttpStatusCode? StatusCode, string Reason, TimeSpan Delay);
