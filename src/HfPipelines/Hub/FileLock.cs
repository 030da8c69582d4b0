namespace HfPipelines.Hub;

/// <summary>
/// An exclusive lock on a file (<see cref="FileShare.None"/>; an advisory <c>flock</c> on Unix, the same
/// kind Python's <c>filelock</c> takes), so two processes never write the same blob at once.
/// </summary>
internal sealed class FileLock : IAsyncDisposable
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _stream;

    private FileLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Waits until the lock is free, then holds it until disposed.</summary>
    public static async Task<FileLock> AcquireAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex) when (ex is not DirectoryNotFoundException and not PathTooLongException)
            {
                await Task.Delay(s_poll, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
