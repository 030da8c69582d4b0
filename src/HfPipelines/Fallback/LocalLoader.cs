using System.Runtime.ExceptionServices;

namespace HfPipelines.Fallback;

/// <summary>
/// Loads the local side once, on first use. A success is kept; a failure (model not found, load error) is kept too
/// and rethrown on later calls, so a missing model is not searched for on every call. The caller's cancellation is
/// not kept. Thread-safe.
/// </summary>
/// <typeparam name="T">The pipeline or chat client type.</typeparam>
internal sealed class LocalLoader<T> : IDisposable
    where T : class
{
    private readonly Func<CancellationToken, ValueTask<T>> _factory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T? _value;
    private ExceptionDispatchInfo? _failure;

    public LocalLoader(Func<CancellationToken, ValueTask<T>> factory) => _factory = factory;

    public T? Loaded => Volatile.Read(ref _value);

    /// <summary>The loaded value, or the load error; FirstFailure is true when the factory just threw it.</summary>
    public async ValueTask<(T? Value, Exception? Error, bool FirstFailure)> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _value) is { } loaded)
        {
            return (loaded, null, false);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_value is not null || _failure is not null)
            {
                return (_value, _failure?.SourceException, false);
            }

            try
            {
                var value = await _factory(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _value, value ?? throw new InvalidOperationException("The local factory returned null."));
                return (value, null, false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                _failure = ExceptionDispatchInfo.Capture(ex);
                return (null, ex, true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
