using HfPipelines.Remote;
using Microsoft.Extensions.Time.Testing;

namespace HfPipelines.Tests.Remote;

/// <summary>Options for tests: the fake router as base URL, a fake clock, no real waits, computed delays recorded.</summary>
public sealed class RemoteTestOptions
{
    public const string Token = "hf_TestSecretToken123";

    public RemoteTestOptions(Uri baseUrl, RemoteEndpointKind kind = RemoteEndpointKind.Router, string? token = Token)
    {
        Options = new RemoteInferenceOptions
        {
            BaseUrl = baseUrl,
            Kind = kind,
            Token = token,
            TimeProvider = Time,
            Resilience = new RemoteResilienceOptions
            {
                WaitBetweenRetries = false,
                UseJitter = false,
                OnRetry = Retries.Add,
            },
        };
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public List<RemoteRetryEvent> Retries { get; } = [];

    public RemoteInferenceOptions Options { get; }
}
