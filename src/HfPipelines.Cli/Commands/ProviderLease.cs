using HfPipelines.Pipelines;

namespace HfPipelines.Cli.Commands;

/// <summary>A provider borrowed for one command; disposing the lease disposes the provider when it is disposable.</summary>
/// <param name="Provider">The provider.</param>
internal sealed record ProviderLease(IPipelineProvider Provider) : IDisposable
{
    public void Dispose() => Provider.Dispose();
}
