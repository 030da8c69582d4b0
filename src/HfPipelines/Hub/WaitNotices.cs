namespace HfPipelines.Hub;

/// <summary>
/// Tells <see cref="HubOptions.WaitNotice"/> what a step waits for when it lasts longer than
/// <see cref="HubOptions.WaitNoticeAfter"/>: <see cref="Start"/> arms a one-shot timer on the injected clock,
/// disposing the returned handle (the step ended) disarms it. Nothing is armed when no notice is wanted.
/// </summary>
internal sealed class WaitNotices(HubOptions options, TimeProvider timeProvider)
{
    private static readonly IDisposable s_none = new None();

    /// <summary>Arms a notice for a step described by <paramref name="what"/> (e.g. "downloading x of org/name").</summary>
    public IDisposable Start(string what)
    {
        if (options.WaitNotice is not { } notice)
        {
            return s_none;
        }

        return timeProvider.CreateTimer(_ => notice(what), null, options.WaitNoticeAfter, Timeout.InfiniteTimeSpan);
    }

    private sealed class None : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
